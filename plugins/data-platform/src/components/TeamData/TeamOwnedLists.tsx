import { useApi } from '@backstage/core-plugin-api';
import {
  EndpointSummary,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { PAGE_SIZE, useCursorPagination } from '../CursorPagination';
import { EndpointLink, WorkflowLink } from '../EntityLinks';
import {
  identityColumns,
  LastPartitionCell,
  LatestRunCell,
} from '../ExplorerCells';
import { PagedTable } from '../PagedTable';

/**
 * The endpoints one owner (a full entity ref, `group:default/team-a`) owns,
 * with when each last landed a partition, a page at a time.
 */
export function TeamEndpoints(props: { owner: string }) {
  const { owner } = props;
  const api = useApi(dataPlatformApiRef);
  const pagination = useCursorPagination(
    cursor => api.listEndpoints({ owner, limit: PAGE_SIZE, cursor }),
    owner,
  );
  return (
    <PagedTable<EndpointSummary>
      pagination={pagination}
      title="Endpoints"
      subtitle="The datasets this team owns"
      pagesLabel="Endpoint pages"
      filtered={false}
      empty={{
        title: 'This team owns no endpoints yet',
        description:
          'Endpoints appear here once OpenLineage events name this team as their owner.',
      }}
      columns={[
        ...identityColumns<EndpointSummary>(row => (
          <EndpointLink endpoint={row} />
        )),
        {
          title: 'Last partition',
          field: 'lastPartition',
          render: row => (
            <LastPartitionCell lastPartition={row.lastPartition} />
          ),
        },
      ]}
    />
  );
}

/**
 * The workflows one owner owns, with how and when each last ran, a page at
 * a time.
 */
export function TeamWorkflows(props: { owner: string }) {
  const { owner } = props;
  const api = useApi(dataPlatformApiRef);
  const pagination = useCursorPagination(
    cursor => api.listWorkflows({ owner, limit: PAGE_SIZE, cursor }),
    owner,
  );
  return (
    <PagedTable<WorkflowSummary>
      pagination={pagination}
      title="Workflows"
      subtitle="The jobs this team owns"
      pagesLabel="Workflow pages"
      filtered={false}
      empty={{
        title: 'This team owns no workflows yet',
        description:
          'Workflows appear here once OpenLineage events name this team as their owner.',
      }}
      columns={[
        ...identityColumns<WorkflowSummary>(row => (
          <WorkflowLink workflow={row} />
        )),
        {
          title: 'Latest run',
          field: 'latestRun',
          cellStyle: { minWidth: 140 },
          render: row => <LatestRunCell latestRun={row.latestRun} />,
        },
      ]}
    />
  );
}
