import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EndpointDetail,
  SchemaVersion,
} from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../api';
import { CompactColumn, CompactTable } from '../CompactTable';
import { formatDate, formatNumber, formatTimestamp } from '../format';
import { RetryableError } from '../RetryableError';
import { SchemaDiffView } from './SchemaDiffView';
import { SchemaFieldTree } from './SchemaFieldTree';

const VERSION_COLUMNS: CompactColumn<SchemaVersion>[] = [
  {
    title: 'Version',
    cell: () => ({ sx: { whiteSpace: 'nowrap' } }),
    render: version => `v${version.version}`,
  },
  {
    title: 'Created',
    cell: version => ({ title: formatTimestamp(version.createdAt) }),
    render: version => formatDate(version.createdAt),
  },
  {
    title: 'Fields',
    align: 'right',
    render: version => formatNumber(version.fieldCount),
  },
];

/** The versions of an endpoint's schema, and what changed between them. */
function SchemaHistory(props: { endpointId: string }) {
  const { endpointId } = props;
  const api = useApi(dataPlatformApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listSchemaVersions(endpointId),
    [api, endpointId],
  );

  if (error) {
    return (
      <Grid item xs={12}>
        <RetryableError
          error={error}
          title="The schema history did not load"
          onRetry={retry}
        />
      </Grid>
    );
  }
  if (loading || !value) {
    return (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  }
  const versions = [...value.items].sort((a, b) => b.version - a.version);

  return (
    <>
      <Grid item xs={12} lg={4}>
        <Card sx={{ height: '100%' }}>
          <CardHeader
            title="Version history"
            subheader="A version is recorded when the fields change"
          />
          <CardContent sx={{ pt: 0 }}>
            {versions.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                No versions recorded.
              </Typography>
            ) : (
              <CompactTable
                aria-label="Schema versions"
                columns={VERSION_COLUMNS}
                rows={versions}
                rowKey={version => version.version}
                sx={{ '& th': { whiteSpace: 'nowrap' } }}
              />
            )}
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12} lg={8}>
        <Card sx={{ height: '100%' }}>
          <CardHeader
            title="Changes between versions"
            subheader="Removed fields and changed types break readers"
          />
          <CardContent sx={{ pt: 0 }}>
            <SchemaDiffView endpointId={endpointId} versions={versions} />
          </CardContent>
        </Card>
      </Grid>
    </>
  );
}

/** An endpoint's current fields, its schema versions and their diffs. */
export function SchemaTab(props: { endpoint: EndpointDetail }) {
  const { endpoint } = props;
  if (!endpoint.schema) {
    return (
      <EmptyState
        missing="field"
        title="No schema known"
        description="None of the OpenLineage events naming this endpoint carried a schema facet."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Card>
          <CardHeader
            title="Fields"
            subheader={`Version ${endpoint.schema.version} · ${formatNumber(
              endpoint.fieldCount,
            )} fields · since ${formatTimestamp(endpoint.schema.createdAt)}`}
          />
          <CardContent sx={{ pt: 0 }}>
            <SchemaFieldTree fields={endpoint.schema.fields} />
          </CardContent>
        </Card>
      </Grid>
      <SchemaHistory endpointId={endpoint.id} />
    </Grid>
  );
}
