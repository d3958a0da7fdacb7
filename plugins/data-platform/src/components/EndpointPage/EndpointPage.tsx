import { useApi } from '@backstage/core-plugin-api';
import Chip from '@mui/material/Chip';
import { useParams } from 'react-router-dom';
import { dataPlatformApiRef } from '../../api';
import { EntityHeader } from '../EntityHeader';
import { useEndpointHref, useExplorerHrefs } from '../EntityLinks';
import { EntityTabs } from '../EntityTabs';
import { LineageTab } from '../LineageExplorer';
import { EntityLoader } from '../NotFoundState';
import { EndpointOverviewTab } from './EndpointOverviewTab';
import { PartitionsTab } from './PartitionsTab';
import { SchemaTab } from './SchemaTab';

const TABS = [
  { id: '', label: 'Overview' },
  { id: 'schema', label: 'Schema' },
  { id: 'partitions', label: 'Partitions' },
  { id: 'lineage', label: 'Lineage' },
];

/**
 * One endpoint's page, at `endpoints/:id` with its tabs below it
 * (`endpoints/:id/schema`). Rendered by a route `:id/*`.
 */
export function EndpointPage() {
  const params = useParams();
  const id = params.id ?? '';
  const tab = (params['*'] ?? '').split('/')[0];
  const api = useApi(dataPlatformApiRef);
  const explorers = useExplorerHrefs();
  const endpointHref = useEndpointHref();
  return (
    <EntityLoader
      load={() => api.getEndpoint(id)}
      id={id}
      noun="endpoint"
      back={{ label: 'All endpoints', href: explorers.endpoints }}
    >
      {endpoint => (
        <>
          <EntityHeader
            trail={[{ label: 'Endpoints', href: explorers.endpoints }]}
            title={endpoint.name}
            subtitle={endpoint.namespace}
            badges={
              endpoint.schema && (
                <Chip
                  label={`Schema v${endpoint.schema.version}`}
                  size="small"
                  variant="outlined"
                />
              )
            }
          />
          <EntityTabs
            aria-label="Endpoint sections"
            idPrefix="endpoint"
            baseHref={endpointHref(endpoint.id)}
            tabs={TABS}
            selected={tab}
          >
            {tab === 'schema' && <SchemaTab endpoint={endpoint} />}
            {tab === 'partitions' && <PartitionsTab endpoint={endpoint} />}
            {tab === 'lineage' && (
              <LineageTab focus={{ id: endpoint.id, kind: 'endpoint' }} />
            )}
            {!['schema', 'partitions', 'lineage'].includes(tab) && (
              <EndpointOverviewTab endpoint={endpoint} />
            )}
          </EntityTabs>
        </>
      )}
    </EntityLoader>
  );
}
