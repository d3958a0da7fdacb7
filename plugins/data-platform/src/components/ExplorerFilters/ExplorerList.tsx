import {
  Content,
  EmptyState,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { ListFilters, Page } from '@data-platform/plugin-data-platform-common';
import Button from '@mui/material/Button';
import {
  CursorPagination,
  PAGE_SIZE,
  useCursorPagination,
} from '../CursorPagination';
import { RetryableError } from '../RetryableError';
import { ExplorerFilters } from './ExplorerFilters';
import { ExplorerFilterValues, useExplorerFilters } from './useExplorerFilters';

/**
 * What both explorers share: filters kept in the URL, a cursor-paginated
 * table, and loading, empty ("none yet" vs "none match") and error states.
 * Each explorer brings its own columns and words.
 */
export function ExplorerList<T extends object>(props: {
  /** Plural, lower case: "endpoints". */
  noun: string;
  /** Extra things the search matches, e.g. "field names". */
  searchHint?: string;
  /** What the list holds and how items get there, for the empty state. */
  emptyDescription: string;
  list: (filters: ListFilters) => Promise<Page<T>>;
  /** The columns; cells may set a filter, e.g. clicking a tag. */
  columns: (
    setFilter: (key: keyof ExplorerFilterValues, value: string) => void,
  ) => TableColumn<T>[];
}) {
  const { noun, searchHint, emptyDescription, list } = props;
  const { filters, setFilter, clearFilters, active } = useExplorerFilters();
  const pagination = useCursorPagination(
    cursor => list({ ...filters, limit: PAGE_SIZE, cursor }),
    JSON.stringify(filters),
  );
  const { page, loading, error, retry } = pagination;
  const items = page?.items ?? [];
  const firstPageEmpty =
    !loading && !error && pagination.pageNumber === 1 && items.length === 0;
  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  const singular = title.replace(/s$/, '');

  let body: JSX.Element;
  if (error) {
    body = <RetryableError error={error} onRetry={retry} />;
  } else if (firstPageEmpty && !active) {
    body = (
      <EmptyState
        missing="data"
        title={`No ${noun} yet`}
        description={emptyDescription}
      />
    );
  } else if (firstPageEmpty) {
    body = (
      <EmptyState
        missing="data"
        title={`No ${noun} match`}
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
        <Table<T>
          title={title}
          subtitle={active ? 'Matching the search and filters' : `All ${noun}`}
          columns={props.columns(setFilter)}
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
        <CursorPagination label={`${singular} pages`} pagination={pagination} />
      </>
    );
  }

  return (
    <Content>
      <ExplorerFilters
        noun={noun}
        searchHint={searchHint}
        filters={filters}
        onChange={setFilter}
        onClear={clearFilters}
        active={active}
      />
      {body}
    </Content>
  );
}
