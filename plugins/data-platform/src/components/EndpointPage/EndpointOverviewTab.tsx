import { Link } from '@backstage/core-components';
import { EndpointDetail } from '@data-platform/plugin-data-platform-common';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { RunLink, useEndpointHref } from '../EntityLinks';
import {
  EntityOverviewCards,
  identityItems,
  seenItems,
  tagsItem,
} from '../EntityOverview';
import { formatNumber, formatRelativeTime, formatTimestamp } from '../format';
import { PartitionKey } from '../PartitionKey';

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
        <PartitionKey partitionKey={key} />
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
      <EntityOverviewCards
        about={{
          'aria-label': 'About the endpoint',
          items: [
            ...identityItems(endpoint),
            { label: 'Storage', value: storage },
            { label: 'Data source', value: dataSource(endpoint.dataSource) },
            tagsItem(endpoint.tags),
            { label: 'Aliases', value: aliasList(endpoint.aliases) },
            {
              label: 'Schema',
              value: endpoint.schema
                ? `Version ${endpoint.schema.version} · ${formatNumber(
                    endpoint.fieldCount,
                  )} fields`
                : undefined,
            },
            { label: 'Last partition', value: lastPartition(endpoint) },
            ...seenItems(endpoint),
          ],
        }}
        lineage={{
          subheader: "From each workflow's latest completed run",
          action: (
            <Link to={`${endpointHref(endpoint.id)}/lineage`}>
              Explore lineage
            </Link>
          ),
          sections: [
            {
              heading: 'Produced by',
              kind: 'workflow',
              items: endpoint.producers,
              empty: 'No workflow writes this endpoint.',
              'aria-label': 'Producers',
            },
            {
              heading: 'Consumed by',
              kind: 'workflow',
              items: endpoint.consumers,
              empty: 'No workflow reads this endpoint.',
              'aria-label': 'Consumers',
            },
          ],
        }}
      />
    </Grid>
  );
}
