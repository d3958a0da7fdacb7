import Box from '@mui/material/Box';
import { formatPartitionKey } from '../format';
import { BreakableName } from '../Names';

const WINDOW_SEPARATOR = ' – ';

/**
 * A partition's key as people read it: a time window as its dates (or
 * times), with the exact key on hover and as the accessible description;
 * any other key as sent, in monospace, wrapping between its segments.
 */
export function PartitionKey(props: { partitionKey: string }) {
  const { partitionKey } = props;
  const readable = formatPartitionKey(partitionKey);
  if (readable === partitionKey) {
    return (
      <Box
        component="span"
        sx={{ fontFamily: 'monospace', overflowWrap: 'break-word' }}
      >
        <BreakableName name={partitionKey} />
      </Box>
    );
  }
  // Each end of the window stays on one line; only the dash may wrap.
  const [start, end] = readable.split(WINDOW_SEPARATOR);
  return (
    <Box component="span" title={partitionKey}>
      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
        {start}
      </Box>
      {WINDOW_SEPARATOR}
      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
        {end}
      </Box>
    </Box>
  );
}
