import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { formatNumber } from '../format';
import { CursorPaginationState } from './useCursorPagination';

/**
 * "26–50 of 1,234" for the second page of 25, "of 10,000+" when the
 * service stopped counting; undefined when the list gives no total.
 */
export function rangeText(
  pagination: Pick<
    CursorPaginationState<unknown>,
    'page' | 'pageNumber' | 'pageSize'
  >,
): string | undefined {
  const { page, pageNumber, pageSize } = pagination;
  if (!page || page.total === undefined) return undefined;
  const shown = page.items.length;
  if (shown === 0) return `0 of ${formatNumber(page.total)}`;
  const from = (pageNumber - 1) * pageSize + 1;
  const to = from + shown - 1;
  const total = page.totalIsEstimate
    ? `${formatNumber(page.total)}+`
    : formatNumber(Math.max(page.total, to));
  return `${formatNumber(from)}–${formatNumber(to)} of ${total}`;
}

/**
 * Previous/Next controls of a cursor-paginated list, with where the page
 * is in the list when the service counts it. There is no jumping to page
 * N: the service's cursors only go one step forward.
 */
export function CursorPagination(props: {
  /** What the list holds, for screen readers: "Endpoints pages". */
  label: string;
  /** Where the list is, as `useCursorPagination` tells it. */
  pagination: Pick<
    CursorPaginationState<unknown>,
    'pageNumber' | 'hasPrevious' | 'hasNext' | 'previous' | 'next' | 'loading'
  > &
    Partial<Pick<CursorPaginationState<unknown>, 'page' | 'pageSize'>>;
}) {
  const { label, pagination } = props;
  const { pageNumber, hasPrevious, hasNext, loading } = pagination;
  const range =
    pagination.pageSize === undefined
      ? undefined
      : rangeText({ ...pagination, pageSize: pagination.pageSize });
  if (!hasPrevious && !hasNext && !range) {
    return null;
  }
  return (
    <Stack
      component="nav"
      aria-label={label}
      direction="row"
      spacing={2}
      alignItems="center"
      justifyContent="flex-end"
      sx={{ mt: 2 }}
    >
      <Typography variant="body2" color="text.secondary" aria-live="polite">
        {range ?? `Page ${pageNumber}`}
      </Typography>
      {(hasPrevious || hasNext) && (
        <>
          <Button
            variant="outlined"
            size="small"
            startIcon={<ChevronLeftIcon />}
            onClick={pagination.previous}
            disabled={loading || !hasPrevious}
          >
            Previous
          </Button>
          <Button
            variant="outlined"
            size="small"
            endIcon={<ChevronRightIcon />}
            onClick={pagination.next}
            disabled={loading || !hasNext}
          >
            Next
          </Button>
        </>
      )}
    </Stack>
  );
}
