import { useApi } from '@backstage/core-plugin-api';
import { EndpointSummary } from '@data-platform/plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { EndpointLink } from '../EntityLinks';
import { LastPartitionCell } from '../ExplorerCells';
import { ExplorerList } from '../ExplorerFilters';
import { formatNumber } from '../format';

/**
 * The endpoint explorer: every endpoint (OpenLineage dataset) the service
 * knows, searchable and filterable, a page at a time.
 */
export function EndpointExplorer() {
  const api = useApi(dataPlatformApiRef);
  return (
    <ExplorerList<EndpointSummary>
      kind="endpoint"
      noun="endpoints"
      searchHint="field names"
      emptyDescription="Endpoints are the datasets your pipelines read and write. They appear here once a pipeline runtime sends OpenLineage events naming them to the metadata service."
      list={filters => api.listEndpoints(filters)}
      link={row => <EndpointLink endpoint={row} />}
      columns={[
        {
          title: 'Last partition',
          field: 'lastPartition',
          render: row => (
            <LastPartitionCell lastPartition={row.lastPartition} />
          ),
        },
        {
          title: 'Fields',
          field: 'fieldCount',
          type: 'numeric',
          render: row => formatNumber(row.fieldCount),
        },
      ]}
    />
  );
}
