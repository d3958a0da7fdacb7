import {
  Content,
  EmptyState,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EndpointSummary } from '@data-platform/plugin-data-platform-common';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { dataPlatformApiRef } from '../../api';
import {
  CursorPagination,
  PAGE_SIZE,
  useCursorPagination,
} from '../CursorPagination';
import { EndpointLink } from '../EntityLinks';
import { ExplorerFilters, useExplorerFilters } from '../ExplorerFilters';
import {
  formatNumber,
  formatRelativeTime,
  formatTimestamp,
  MISSING,
} from '../format';
import { NameCell, OwnerText, TagChips } from '../ExplorerCells';
import { RetryableError } from '../RetryableError';

/**
 * The endpoint explorer: every endpoint (OpenLineage dataset) the service
 * knows, searchable and filterable, a page at a time.
 */
export function EndpointExplorer() {
  const api = useApi(dataPlatformApiRef);
  const { filters, setFilter, clearFilters, active } = useExplorerFilters();
  const pagination = useCursorPagination(
    cursor => api.listEndpoints({ ...filters, limit: PAGE_SIZE, cursor }),
    JSON.stringify(filters),
  );
  const { page, loading, error, retry } = pagination;
  const items = page?.items ?? [];
  const firstPageEmpty =
    !loading && !error && pagination.pageNumber === 1 && items.length === 0;

  const columns: TableColumn<EndpointSummary>[] = [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      width: '30%',
      render: row => (
        <NameCell
          link={<EndpointLink endpoint={row} />}
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
      title: 'Last partition',
      field: 'lastPartition',
      render: row =>
        row.lastPartition ? (
          <Stack spacing={0.25}>
            <span title={formatTimestamp(row.lastPartition.landedAt)}>
              {formatRelativeTime(row.lastPartition.landedAt)}
            </span>
            <Typography
              variant="caption"
              color="text.secondary"
              sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
            >
              {row.lastPartition.key}
            </Typography>
          </Stack>
        ) : (
          MISSING
        ),
    },
    {
      title: 'Fields',
      field: 'fieldCount',
      type: 'numeric',
      render: row => formatNumber(row.fieldCount),
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
        title="No endpoints yet"
        description="Endpoints are the datasets your pipelines read and write. They appear here once a pipeline runtime sends OpenLineage events naming them to the metadata service."
      />
    );
  } else if (firstPageEmpty) {
    body = (
      <EmptyState
        missing="data"
        title="No endpoints match"
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
        <Table<EndpointSummary>
          title="Endpoints"
          subtitle={
            active ? 'Matching the search and filters' : 'All endpoints'
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
          label="Endpoint pages"
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
        noun="endpoints"
        searchHint="field names"
        filters={filters}
        onChange={setFilter}
        onClear={clearFilters}
        active={active}
      />
      {body}
    </Content>
  );
}
