import { CodeSnippet, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RunDetail } from '@data-platform/plugin-data-platform-common';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useParams } from 'react-router-dom';
import { dataPlatformApiRef } from '../../api';
import { EntityHeader } from '../EntityHeader';
import {
  EndpointLink,
  EntityLinkList,
  shortRunId,
  useExplorerHrefs,
  useRunHref,
  useWorkflowHref,
  WorkflowLink,
} from '../EntityLinks';
import {
  formatBytes,
  formatDuration,
  formatNumber,
  formatTimestamp,
} from '../format';
import { MetadataList } from '../MetadataList';
import { EntityLoader } from '../NotFoundState';
import { RunStateChip } from '../RunStateChip';

function nominalWindow(run: RunDetail) {
  if (!run.nominalStartTime) {
    return undefined;
  }
  return run.nominalEndTime
    ? `${formatTimestamp(run.nominalStartTime)} – ${formatTimestamp(
        run.nominalEndTime,
      )}`
    : formatTimestamp(run.nominalStartTime);
}

function PartitionsCard(props: { run: RunDetail }) {
  const { run } = props;
  return (
    <Card>
      <CardHeader title="Partitions produced" />
      <CardContent sx={{ pt: 0 }}>
        {run.partitions.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            This run produced no partitions.
          </Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Partitions produced">
              <TableHead>
                <TableRow>
                  <TableCell>Endpoint</TableCell>
                  <TableCell>Partition</TableCell>
                  <TableCell>Landed</TableCell>
                  <TableCell align="right">Rows</TableCell>
                  <TableCell align="right">Size</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {run.partitions.map(partition => {
                  return (
                    <TableRow key={`${partition.endpointId}:${partition.key}`}>
                      <TableCell>
                        <EndpointLink endpoint={partition.endpoint} />
                      </TableCell>
                      <TableCell sx={{ fontFamily: 'monospace' }}>
                        {partition.key}
                      </TableCell>
                      <TableCell>
                        {formatTimestamp(partition.landedAt)}
                      </TableCell>
                      <TableCell align="right">
                        {formatNumber(partition.rowCount)}
                      </TableCell>
                      <TableCell align="right">
                        {formatBytes(partition.bytes)}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </CardContent>
    </Card>
  );
}

function RunContent(props: { run: RunDetail }) {
  const { run } = props;
  const runHref = useRunHref();
  return (
    <Grid container spacing={3} alignItems="stretch">
      {run.errorMessage && (
        <Grid item xs={12}>
          <Alert severity="error">
            <AlertTitle>The run failed</AlertTitle>
            <Typography
              variant="body2"
              sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >
              {run.errorMessage}
            </Typography>
          </Alert>
        </Grid>
      )}
      <Grid item xs={12} md={7}>
        <Card sx={{ height: '100%' }}>
          <CardHeader title="About" />
          <CardContent sx={{ pt: 0 }}>
            <MetadataList
              aria-label="About the run"
              items={[
                {
                  label: 'Run id',
                  value: (
                    <Typography
                      variant="body2"
                      sx={{ fontFamily: 'monospace' }}
                    >
                      {run.id}
                    </Typography>
                  ),
                },
                {
                  label: 'Workflow',
                  value: <WorkflowLink workflow={run.workflow} />,
                },
                { label: 'State', value: <RunStateChip state={run.state} /> },
                { label: 'Nominal time', value: nominalWindow(run) },
                {
                  label: 'Started',
                  value: run.startedAt && formatTimestamp(run.startedAt),
                },
                {
                  label: 'Ended',
                  value: run.endedAt && formatTimestamp(run.endedAt),
                },
                {
                  label: 'Duration',
                  value:
                    run.durationMs !== undefined &&
                    formatDuration(run.durationMs),
                },
                {
                  label: 'Parent run',
                  value: run.parentRun && (
                    <span title={run.parentRun.id}>
                      <WorkflowLink workflow={run.parentRun.workflow} /> · run{' '}
                      <Link
                        to={runHref(
                          run.parentRun.workflow.id,
                          run.parentRun.id,
                        )}
                      >
                        {shortRunId(run.parentRun.id)}
                      </Link>
                    </span>
                  ),
                },
                {
                  label: 'Last heard of',
                  value: formatTimestamp(run.updatedAt),
                },
              ]}
            />
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12} md={5}>
        <Card sx={{ height: '100%' }}>
          <CardHeader title="Lineage" />
          <CardContent sx={{ pt: 0 }}>
            <Typography
              variant="overline"
              component="h3"
              color="text.secondary"
            >
              Read
            </Typography>
            <EntityLinkList
              kind="endpoint"
              items={run.inputs}
              empty="No inputs recorded."
              aria-label="Inputs"
            />
            <Typography
              variant="overline"
              component="h3"
              color="text.secondary"
              sx={{ mt: 2, display: 'block' }}
            >
              Wrote
            </Typography>
            <EntityLinkList
              kind="endpoint"
              items={run.outputs}
              empty="No outputs recorded."
              aria-label="Outputs"
            />
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12}>
        <PartitionsCard run={run} />
      </Grid>
      {Object.keys(run.facets).length > 0 && (
        <Grid item xs={12}>
          <Accordion disableGutters>
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <Typography variant="subtitle1">
                Run facets of the latest event
              </Typography>
            </AccordionSummary>
            <AccordionDetails>
              <CodeSnippet
                text={JSON.stringify(run.facets, null, 2)}
                language="json"
                showCopyCodeButton
              />
            </AccordionDetails>
          </Accordion>
        </Grid>
      )}
    </Grid>
  );
}

/** One run of a workflow, at `workflows/:workflowId/runs/:runId`. */
export function RunPage() {
  const params = useParams();
  const runId = params.runId ?? '';
  const api = useApi(dataPlatformApiRef);
  const explorers = useExplorerHrefs();
  const workflowHref = useWorkflowHref();
  return (
    <EntityLoader
      load={() => api.getRun(runId)}
      id={runId}
      noun="run"
      back={{
        label: 'Back to the workflow',
        href: params.workflowId
          ? `${workflowHref(params.workflowId)}/runs`
          : explorers.workflows,
      }}
    >
      {run => (
        <>
          <EntityHeader
            trail={[
              { label: 'Workflows', href: explorers.workflows },
              {
                label: run.workflow.name,
                href: `${workflowHref(run.workflow.id)}/runs`,
              },
            ]}
            title={`Run ${shortRunId(run.id)}`}
            subtitle={run.workflow.namespace}
            badges={<RunStateChip state={run.state} />}
          />
          <RunContent run={run} />
        </>
      )}
    </EntityLoader>
  );
}
