import { Content, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Chip from '@mui/material/Chip';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../api';
import { EntityHeader } from '../EntityHeader';
import { useEndpointHref, useExplorerHrefs } from '../EntityLinks';
import { EntityTabs } from '../EntityTabs';
import { isNotFound, NotFoundState } from '../NotFoundState';
import { RetryableError } from '../RetryableError';
import { EndpointOverviewTab } from './EndpointOverviewTab';
import { PartitionsTab } from './PartitionsTab';
import { SchemaTab } from './SchemaTab';

const TABS = [
  { id: '', label: 'Overview' },
  { id: 'schema', label: 'Schema' },
  { id: 'partitions', label: 'Partitions' },
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
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEndpoint(id),
    [api, id],
  );

  let body: JSX.Element;
  if (loading && !value) {
    body = <Progress />;
  } else if (isNotFound(error)) {
    body = (
      <NotFoundState
        title="No such endpoint"
        description={`The metadata service knows no endpoint with the id "${id}".`}
        back={{ label: 'All endpoints', href: explorers.endpoints }}
      />
    );
  } else if (error || !value) {
    body = (
      <RetryableError
        error={error ?? new Error('No endpoint in the answer')}
        onRetry={retry}
      />
    );
  } else {
    const endpoint = value;
    body = (
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
          {tab !== 'schema' && tab !== 'partitions' && (
            <EndpointOverviewTab endpoint={endpoint} />
          )}
        </EntityTabs>
      </>
    );
  }

  return <Content>{body}</Content>;
}
