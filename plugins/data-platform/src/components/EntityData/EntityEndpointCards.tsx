import { Link } from '@backstage/core-components';
import { EndpointDetail } from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import { ReactNode } from 'react';
import { EntityLinkList, useEndpointHref } from '../EntityLinks';
import { SchemaFieldTree } from '../EndpointPage';
import { tagsItem } from '../EntityOverview';
import { formatNumber, formatRelativeTime } from '../format';
import { LineageTab } from '../LineageExplorer';
import { MetadataList } from '../MetadataList';
import { PartitionKey } from '../PartitionKey';
import { EntityAssetState } from './EntityAssetState';
import { useEntityAsset } from './useEntityAsset';

function EndpointCard(props: {
  title: string;
  action?: (endpoint: EndpointDetail) => ReactNode;
  subheader?: (endpoint: EndpointDetail) => ReactNode;
  children: (endpoint: EndpointDetail) => JSX.Element;
}) {
  const loaded = useEntityAsset('endpoint');
  const endpoint =
    loaded.value?.state === 'found' ? loaded.value.asset : undefined;
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title={props.title}
        subheader={endpoint && props.subheader?.(endpoint)}
        action={endpoint && props.action?.(endpoint)}
      />
      <CardContent sx={{ pt: 0 }}>
        <EntityAssetState kind="endpoint" loaded={loaded} compact>
          {props.children}
        </EntityAssetState>
      </CardContent>
    </Card>
  );
}

function PageLink(props: { endpoint: EndpointDetail; section?: string }) {
  const href = useEndpointHref();
  const base = href(props.endpoint.id);
  return (
    <Link to={props.section ? `${base}/${props.section}` : base}>
      Open in Data
    </Link>
  );
}

/**
 * The overview card of an API `dataset` entity: the endpoint's identity,
 * schema, freshness and the workflows that write and read it.
 */
export function EntityEndpointCard() {
  return (
    <EndpointCard
      title="Data platform"
      action={endpoint => <PageLink endpoint={endpoint} />}
    >
      {endpoint => (
        <MetadataList
          aria-label="The endpoint"
          items={[
            { label: 'Namespace', value: endpoint.namespace },
            { label: 'Name', value: endpoint.name },
            tagsItem(endpoint.tags),
            {
              label: 'Schema',
              value:
                endpoint.schema &&
                `Version ${endpoint.schema.version} · ${formatNumber(
                  endpoint.fieldCount,
                )} fields`,
            },
            {
              label: 'Last partition',
              value: endpoint.lastPartition && (
                <>
                  <PartitionKey partitionKey={endpoint.lastPartition.key} />
                  {` · landed ${formatRelativeTime(
                    endpoint.lastPartition.landedAt,
                  )}`}
                </>
              ),
            },
            {
              label: 'Partitions',
              value: formatNumber(endpoint.partitions.count),
            },
            {
              label: 'Produced by',
              value: endpoint.producers.length > 0 && (
                <EntityLinkList
                  kind="workflow"
                  items={endpoint.producers}
                  empty=""
                  aria-label="Producers"
                />
              ),
            },
            {
              label: 'Consumed by',
              value: endpoint.consumers.length > 0 && (
                <EntityLinkList
                  kind="workflow"
                  items={endpoint.consumers}
                  empty=""
                  aria-label="Consumers"
                />
              ),
            },
          ]}
        />
      )}
    </EndpointCard>
  );
}

/** The current fields of the endpoint an API `dataset` entity stands for. */
export function EntityEndpointSchemaCard() {
  return (
    <EndpointCard
      title="Schema"
      subheader={endpoint =>
        endpoint.schema &&
        `Version ${endpoint.schema.version} · ${formatNumber(
          endpoint.fieldCount,
        )} fields`
      }
      action={endpoint => <PageLink endpoint={endpoint} section="schema" />}
    >
      {endpoint =>
        endpoint.schema ? (
          <SchemaFieldTree fields={endpoint.schema.fields} />
        ) : (
          <>No OpenLineage event naming this endpoint carried a schema.</>
        )
      }
    </EndpointCard>
  );
}

/** The lineage graph around the endpoint an API `dataset` entity stands for. */
export function EntityEndpointLineageCard() {
  return (
    <EndpointCard title="Lineage">
      {endpoint => <LineageTab focus={{ id: endpoint.id, kind: 'endpoint' }} />}
    </EndpointCard>
  );
}
