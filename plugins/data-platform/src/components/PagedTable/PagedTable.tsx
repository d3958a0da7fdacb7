import { EmptyState, Table, TableColumn } from '@backstage/core-components';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';
import { CursorPagination, CursorPaginationState } from '../CursorPagination';
import { RetryableError } from '../RetryableError';

/** What an empty list says in place of the table. */
type EmptyMessage = {
  title: string;
  description: string;
  action?: JSX.Element;
};

/**
 * A list the service pages through with cursors, as a table with Previous
 * and Next below it, and the states around it: the error with a retry,
 * "none yet" when the list is empty, and "none match" when filters leave
 * nothing of it. Each list brings its columns, words and filters.
 */
export function PagedTable<T extends object>(props: {
  /** From `useCursorPagination`. */
  pagination: CursorPaginationState<T>;
  title: string;
  subtitle: string;
  columns: TableColumn<T>[];
  /** Names the page controls for screen readers: "Run pages". */
  pagesLabel: string;
  /** Whether filters narrow the list, so that an empty one means none match. */
  filtered: boolean;
  /** In place of the table when the list holds nothing at all. */
  empty: EmptyMessage;
  /**
   * In place of the table when the filters match nothing; without it, the
   * table stays and says `noRows`.
   */
  noMatch?: EmptyMessage;
  /** Inside the table when a page has no rows: "No partitions in this date range." */
  noRows?: ReactNode;
}) {
  const { pagination, filtered } = props;
  const { page, loading, error, retry } = pagination;
  const items = page?.items ?? [];
  const firstPageEmpty =
    !loading && !error && pagination.pageNumber === 1 && items.length === 0;

  if (error) {
    return <RetryableError error={error} onRetry={retry} />;
  }
  if (firstPageEmpty && !filtered) {
    return <EmptyState missing="data" {...props.empty} />;
  }
  if (firstPageEmpty && props.noMatch) {
    return <EmptyState missing="data" {...props.noMatch} />;
  }
  return (
    <>
      <Table<T>
        title={props.title}
        subtitle={props.subtitle}
        columns={props.columns}
        // The table writes its own bookkeeping into rows; keep the API's
        // objects untouched.
        data={items.map(item => ({ ...item }))}
        isLoading={loading}
        emptyContent={
          props.noRows !== undefined && (
            <Typography sx={{ p: 3 }} color="text.secondary">
              {props.noRows}
            </Typography>
          )
        }
        options={{
          paging: false,
          search: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
        }}
      />
      <CursorPagination label={props.pagesLabel} pagination={pagination} />
    </>
  );
}
