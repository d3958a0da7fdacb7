import { useApi } from '@backstage/core-plugin-api';
import { WorkflowSummary } from '@data-platform/plugin-data-platform-common';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { dataPlatformApiRef } from '../../api';
import { WorkflowLink } from '../EntityLinks';
import { ExplorerList } from '../ExplorerFilters';
import {
  formatJobType,
  formatRelativeTime,
  formatTimestamp,
  MISSING,
  runTime,
} from '../format';
import { RunStateChip } from '../RunStateChip';

/**
 * The workflow explorer: every workflow (OpenLineage job) the service
 * knows, with how its latest run went, a page at a time.
 */
export function WorkflowExplorer() {
  const api = useApi(dataPlatformApiRef);
  return (
    <ExplorerList<WorkflowSummary>
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
          render: row => {
            if (!row.latestRun) {
              return MISSING;
            }
            const when = runTime(row.latestRun);
            return (
              <Stack spacing={0.5} alignItems="flex-start">
                <RunStateChip state={row.latestRun.state} />
                <Typography
                  variant="caption"
                  color="text.secondary"
                  title={formatTimestamp(when)}
                >
                  {formatRelativeTime(when)}
                </Typography>
              </Stack>
            );
          },
        },
      ]}
    />
  );
}
