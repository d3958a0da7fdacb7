import { Link } from '@backstage/core-components';
import { EndpointDetail } from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { EntityLinkList, RunLink, useEndpointHref } from '../EntityLinks';
import { OwnerText, TagChips } from '../ExplorerCells';
import { formatNumber, formatRelativeTime, formatTimestamp } from '../format';
import { MetadataList } from '../MetadataList';

function isWebLink(uri: string) {
  return /^https?:\/\//i.test(uri);
}

// Helpers rather than components, so that what is absent stays `undefined`
// and the list shows its dash.
function dataSource(value: EndpointDetail['dataSource']) {
  const { name, uri } = value ?? {};
  if (!name && !uri) {
    return undefined;
  }
  return (
    <Stack spacing={0.25}>
      {name && <span>{name}</span>}
      {uri &&
        (isWebLink(uri) ? (
          <Link to={uri}>{uri}</Link>
        ) : (
          <Typography
            variant="caption"
            color="text.secondary"
            sx={{ fontFamily: 'monospace' }}
          >
            {uri}
          </Typography>
        ))}
    </Stack>
  );
}

function aliasList(aliases: EndpointDetail['aliases']) {
  if (aliases.length === 0) {
    return undefined;
  }
  return (
    <List dense disablePadding aria-label="Aliases">
      {aliases.map(alias => (
        <ListItem
          key={`${alias.namespace}/${alias.name}`}
          disableGutters
          sx={{ py: 0 }}
        >
          <span>
            {alias.namespace}/{alias.name}
            {alias.type && (
              <Typography
                component="span"
                variant="caption"
                color="text.secondary"
              >
                {' '}
                ({alias.type})
              </Typography>
            )}
          </span>
        </ListItem>
      ))}
    </List>
  );
}

function lastPartition(endpoint: EndpointDetail) {
  const { latest, count } = endpoint.partitions;
  const summary = endpoint.lastPartition;
  const landedAt = latest?.landedAt ?? summary?.landedAt;
  const key = latest?.key ?? summary?.key;
  if (!landedAt || !key) {
    return undefined;
  }
  return (
    <Stack spacing={0.25}>
      <span>
        <Typography
          component="span"
          variant="body2"
          sx={{ fontFamily: 'monospace' }}
        >
          {key}
        </Typography>
        {' · '}
        <span title={formatTimestamp(landedAt)}>
          landed {formatRelativeTime(landedAt)}
        </span>
      </span>
      <Typography variant="caption" color="text.secondary">
        {formatNumber(count)} partition{count === 1 ? '' : 's'} in all
        {latest && (
          <>
            {' · run '}
            <RunLink workflowId={latest.workflow.id} runId={latest.runId} />
          </>
        )}
      </Typography>
    </Stack>
  );
}

/** What an endpoint is, where it lives, and which workflows touch it. */
export function EndpointOverviewTab(props: { endpoint: EndpointDetail }) {
  const { endpoint } = props;
  const endpointHref = useEndpointHref();
  const storage = [endpoint.storage?.storageLayer, endpoint.storage?.fileFormat]
    .filter(Boolean)
    .join(' · ');
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={7}>
        <Card sx={{ height: '100%' }}>
          <CardHeader title="About" />
          <CardContent sx={{ pt: 0 }}>
            <MetadataList
              aria-label="About the endpoint"
              items={[
                {
                  label: 'Description',
                  value: endpoint.description && (
                    <span style={{ whiteSpace: 'pre-line' }}>
                      {endpoint.description}
                    </span>
                  ),
                },
                {
                  label: 'Owner',
                  value: endpoint.owner && <OwnerText owner={endpoint.owner} />,
                },
                { label: 'Namespace', value: endpoint.namespace },
                { label: 'Name', value: endpoint.name },
                { label: 'Storage', value: storage },
                {
                  label: 'Data source',
                  value: dataSource(endpoint.dataSource),
                },
                {
                  label: 'Tags',
                  value: endpoint.tags.length > 0 && (
                    <TagChips tags={endpoint.tags} />
                  ),
                },
                {
                  label: 'Aliases',
                  value: aliasList(endpoint.aliases),
                },
                {
                  label: 'Schema',
                  value: endpoint.schema
                    ? `Version ${endpoint.schema.version} · ${formatNumber(
                        endpoint.fieldCount,
                      )} fields`
                    : undefined,
                },
                {
                  label: 'Last partition',
                  value: lastPartition(endpoint),
                },
                {
                  label: 'First seen',
                  value: formatTimestamp(endpoint.createdAt),
                },
                {
                  label: 'Last updated',
                  value: formatTimestamp(endpoint.updatedAt),
                },
              ]}
            />
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12} md={5}>
        <Card sx={{ height: '100%' }}>
          <CardHeader
            title="Lineage"
            subheader="From each workflow's latest completed run"
            action={
              <Link to={`${endpointHref(endpoint.id)}/lineage`}>
                Explore lineage
              </Link>
            }
          />
          <CardContent sx={{ pt: 0 }}>
            <Typography
              variant="overline"
              component="h3"
              color="text.secondary"
            >
              Produced by
            </Typography>
            <EntityLinkList
              kind="workflow"
              items={endpoint.producers}
              empty="No workflow writes this endpoint."
              aria-label="Producers"
            />
            <Typography
              variant="overline"
              component="h3"
              color="text.secondary"
              sx={{ mt: 2, display: 'block' }}
            >
              Consumed by
            </Typography>
            <EntityLinkList
              kind="workflow"
              items={endpoint.consumers}
              empty="No workflow reads this endpoint."
              aria-label="Consumers"
            />
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
}
