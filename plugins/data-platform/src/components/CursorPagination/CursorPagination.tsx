import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { CursorPaginationState } from './useCursorPagination';

/**
 * Previous/Next controls of a cursor-paginated list. There is no total and
 * no jumping to page N: the service's cursors only go one step forward.
 */
export function CursorPagination(props: {
  /** What the list holds, for screen readers: "Endpoints pages". */
  label: string;
  /** Where the list is, as `useCursorPagination` tells it. */
  pagination: Pick<
    CursorPaginationState<unknown>,
    'pageNumber' | 'hasPrevious' | 'hasNext' | 'previous' | 'next' | 'loading'
  >;
}) {
  const { label, pagination } = props;
  const { pageNumber, hasPrevious, hasNext, loading } = pagination;
  if (!hasPrevious && !hasNext) {
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
        Page {pageNumber}
      </Typography>
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
    </Stack>
  );
}
