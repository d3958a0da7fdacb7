import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ImpactItem,
  LineageNodeKind,
} from '@data-platform/plugin-data-platform-common';
import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../../api';
import { EndpointLink, WorkflowLink } from '../../EntityLinks';
import { OwnerText } from '../../ExplorerCells';
import { formatOwner } from '../../format';
import { RetryableError } from '../../RetryableError';
import { downloadText } from './downloadText';

const ROWS_PER_PAGE = 25;

function ItemLink(props: { item: ImpactItem }) {
  const { item } = props;
  return item.kind === 'endpoint' ? (
    <EndpointLink endpoint={item} />
  ) : (
    <WorkflowLink workflow={item} />
  );
}

/**
 * What a change to the focus can break: every endpoint and workflow
 * downstream, nearest first, with the owners to tell, and the same list
 * as CSV.
 */
export function ImpactPanel(props: {
  focus: { id: string; kind?: LineageNodeKind; name: string };
  asOf?: string;
}) {
  const { focus, asOf } = props;
  const api = useApi(dataPlatformApiRef);
  const [page, setPage] = useState(0);
  const [downloadError, setDownloadError] = useState<Error>();
  const [downloading, setDownloading] = useState(false);
  const query = { id: focus.id, kind: focus.kind, asOf };
  const state = useAsyncRetry(
    () => api.getImpact(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, focus.id, focus.kind, asOf],
  );

  const download = async () => {
    setDownloading(true);
    setDownloadError(undefined);
    try {
      const csv = await api.getImpactCsv(query);
      downloadText(
        csv,
        `impact-${focus.name.replace(/[^\w.-]+/g, '_')}.csv`,
        'text/csv',
      );
    } catch (e) {
      setDownloadError(e as Error);
    } finally {
      setDownloading(false);
    }
  };

  const report = state.value;
  return (
    <Card component="section" aria-label="Impact">
      <CardHeader
        title="Impact"
        subheader="Everything downstream that a change to this can break"
        action={
          <Button
            startIcon={<DownloadIcon />}
            onClick={download}
            disabled={downloading || !report || report.items.length === 0}
          >
            Download CSV
          </Button>
        }
      />
      <CardContent sx={{ pt: 0 }}>
        {downloadError && (
          <Alert severity="error" sx={{ mb: 2 }}>
            The CSV could not be downloaded: {downloadError.message}
          </Alert>
        )}
        {state.error && (
          <RetryableError error={state.error} onRetry={state.retry} />
        )}
        {state.loading && <Progress />}
        {report && report.items.length === 0 && (
          <Typography color="text.secondary">
            Nothing downstream: no workflow reads what this produces.
          </Typography>
        )}
        {report && report.items.length > 0 && (
          <>
            {report.truncated && (
              <Alert severity="warning" sx={{ mb: 2 }}>
                The impact reaches further than the service walks at once; the
                list stops at its node limit.
              </Alert>
            )}
            <Typography
              variant="overline"
              component="h3"
              color="text.secondary"
            >
              Owners to tell
            </Typography>
            <Stack
              direction="row"
              spacing={1}
              useFlexGap
              flexWrap="wrap"
              sx={{ mb: 2 }}
              aria-label="Impacted owners"
            >
              {report.owners.map(o => (
                <Chip
                  key={o.owner ?? ''}
                  size="small"
                  variant="outlined"
                  label={
                    <>
                      {o.owner ? (
                        <OwnerText owner={o.owner} />
                      ) : (
                        formatOwner(undefined)
                      )}{' '}
                      · {o.count}
                    </>
                  }
                />
              ))}
            </Stack>
            <Table size="small" aria-label="Impacted endpoints and workflows">
              <TableHead>
                <TableRow>
                  <TableCell>Name</TableCell>
                  <TableCell>Kind</TableCell>
                  <TableCell>Owner</TableCell>
                  <TableCell align="right">Distance</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.items
                  .slice(page * ROWS_PER_PAGE, (page + 1) * ROWS_PER_PAGE)
                  .map(item => (
                    <TableRow key={item.id}>
                      <TableCell>
                        <ItemLink item={item} />
                        <Typography
                          variant="caption"
                          component="div"
                          color="text.secondary"
                        >
                          {item.namespace}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        {item.kind === 'endpoint' ? 'Endpoint' : 'Workflow'}
                      </TableCell>
                      <TableCell>
                        <OwnerText owner={item.owner} />
                      </TableCell>
                      <TableCell align="right">{item.distance}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
            {report.items.length > ROWS_PER_PAGE && (
              <TablePagination
                component="div"
                count={report.items.length}
                page={page}
                rowsPerPage={ROWS_PER_PAGE}
                rowsPerPageOptions={[ROWS_PER_PAGE]}
                onPageChange={(_, next) => setPage(next)}
              />
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
