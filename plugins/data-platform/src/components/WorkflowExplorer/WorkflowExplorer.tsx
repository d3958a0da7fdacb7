import {
  Content,
  EmptyState,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { WorkflowSummary } from '@data-platform/plugin-data-platform-common';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { dataPlatformApiRef } from '../../api';
import {
  CursorPagination,
  PAGE_SIZE,
  useCursorPagination,
} from '../CursorPagination';
import { WorkflowLink } from '../EntityLinks';
import { NameCell, OwnerText, TagChips } from '../ExplorerCells';
import { ExplorerFilters, useExplorerFilters } from '../ExplorerFilters';
import {
  formatJobType,
  formatRelativeTime,
  formatTimestamp,
  MISSING,
  runTime,
} from '../format';
import { RetryableError } from '../RetryableError';
import { RunStateChip } from '../RunStateChip';

/**
 * The workflow explorer: every workflow (OpenLineage job) the service
 * knows, with how its latest run went, a page at a time.
 */
export function WorkflowExplorer() {
  const api = useApi(dataPlatformApiRef);
  const { filters, setFilter, clearFilters, active } = useExplorerFilters();
  const pagination = useCursorPagination(
    cursor => api.listWorkflows({ ...filters, limit: PAGE_SIZE, cursor }),
    JSON.stringify(filters),
  );
  const { page, loading, error, retry } = pagination;
  const items = page?.items ?? [];
  const firstPageEmpty =
    !loading && !error && pagination.pageNumber === 1 && items.length === 0;

  const columns: TableColumn<WorkflowSummary>[] = [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      width: '30%',
      render: row => (
        <NameCell
          link={<WorkflowLink workflow={row} />}
          description={row.description}
        />
      ),
    },
    { title: 'Namespace', field: 'namespace' },
    {
      title: 'Owner',
      field: 'owner',
      render: row => <OwnerText owner={row.owner} />,
    },
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
    {
      title: 'Tags',
      field: 'tags',
      cellStyle: { minWidth: 120 },
      render: row => (
        <TagChips tags={row.tags} onSelect={tag => setFilter('tag', tag)} />
      ),
    },
  ];

  let body: JSX.Element;
  if (error) {
    body = <RetryableError error={error} onRetry={retry} />;
  } else if (firstPageEmpty && !active) {
    body = (
      <EmptyState
        missing="data"
        title="No workflows yet"
        description="Workflows are the jobs of your pipelines. They appear here once a pipeline runtime sends OpenLineage events for their runs to the metadata service."
      />
    );
  } else if (firstPageEmpty) {
    body = (
      <EmptyState
        missing="data"
        title="No workflows match"
        description="Nothing matches the search and filters. Loosen or clear them to see more."
        action={
          <Button variant="contained" onClick={clearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  } else {
    body = (
      <>
        <Table<WorkflowSummary>
          title="Workflows"
          subtitle={
            active ? 'Matching the search and filters' : 'All workflows'
          }
          columns={columns}
          // The table writes its own bookkeeping into rows; keep the API's
          // objects untouched.
          data={items.map(item => ({ ...item }))}
          isLoading={loading}
          options={{
            paging: false,
            search: false,
            sorting: false,
            draggable: false,
            padding: 'dense',
          }}
        />
        <CursorPagination
          label="Workflow pages"
          pageNumber={pagination.pageNumber}
          hasPrevious={pagination.hasPrevious}
          hasNext={pagination.hasNext}
          onPrevious={pagination.previous}
          onNext={pagination.next}
          disabled={loading}
        />
      </>
    );
  }

  return (
    <Content>
      <ExplorerFilters
        noun="workflows"
        filters={filters}
        onChange={setFilter}
        onClear={clearFilters}
        active={active}
      />
      {body}
    </Content>
  );
}
