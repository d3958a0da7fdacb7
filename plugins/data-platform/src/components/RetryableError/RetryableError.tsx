import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';

/**
 * A failed request to the metadata service, with the way to ask again. The
 * service may be restarting or its database briefly away, so a retry often
 * is all it takes.
 */
export function RetryableError(props: {
  error: Error;
  title?: string;
  onRetry: () => void;
}) {
  const {
    error,
    title = 'The metadata service did not answer',
    onRetry,
  } = props;
  return (
    <Box>
      <ResponseErrorPanel error={error} title={title} />
      <Button variant="outlined" onClick={onRetry} sx={{ mt: 2 }}>
        Try again
      </Button>
    </Box>
  );
}
