import { useApi } from '@backstage/core-plugin-api';
import { WorkflowSummary } from '@data-platform/plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { WorkflowLink } from '../EntityLinks';
import { LatestRunCell } from '../ExplorerCells';
import { ExplorerList } from '../ExplorerFilters';
import { formatJobType, MISSING } from '../format';

/**
 * The workflow explorer: every workflow (OpenLineage job) the service
 * knows, with how its latest run went, a page at a time.
 */
export function WorkflowExplorer() {
  const api = useApi(dataPlatformApiRef);
  return (
    <ExplorerList<WorkflowSummary>
      kind="workflow"
      noun="workflows"
      emptyDescription="Workflows are the jobs of your pipelines. They appear here once a pipeline runtime sends OpenLineage events for their runs to the metadata service."
      list={filters => api.listWorkflows(filters)}
      link={row => <WorkflowLink workflow={row} />}
      columns={[
        {
          title: 'Job type',
          field: 'jobType',
          render: row => formatJobType(row.jobType) ?? MISSING,
        },
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
