import { DataPlatformOverview } from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatNumber } from '../format';
import { Figure } from './Figure';
import { SET_ASIDE_ANCHOR } from './SetAsideCard';

// A button rather than a `#` link: a fragment href resolves against the
// app's base URL and would leave the page in apps that set one.
function focusSetAside() {
  // Focusing scrolls the card into view and brings keyboard users there.
  document.getElementById(SET_ASIDE_ANCHOR)?.focus();
}

/**
 * The ingestion counters: accepted, rejected, when the last event came, and
 * how many accepted events are still on their way into the metadata.
 */
export function IngestionCard(props: {
  ingestion: DataPlatformOverview['ingestion'];
}) {
  const { acceptedEvents, rejectedEvents, lastEventAt, derivation } =
    props.ingestion;
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title="Ingestion"
        subheader="OpenLineage events received from pipeline runtimes"
      />
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={4}>
          <Figure
            label="Events accepted"
            value={formatNumber(acceptedEvents)}
          />
          <Figure
            label="Events rejected"
            value={formatNumber(rejectedEvents)}
            tone={rejectedEvents > 0 ? 'error' : undefined}
          />
          <Figure
            label="Last event"
            value={
              lastEventAt ? new Date(lastEventAt).toLocaleString() : 'Never'
            }
          />
          <Figure
            label="Waiting to be applied"
            value={formatNumber(derivation.backlog)}
            tone={derivation.failed > 0 ? 'error' : undefined}
            action={
              <>
                {derivation.replaying > 0 && (
                  <Typography variant="body2" color="text.secondary">
                    {formatNumber(derivation.replaying)} of them queued by a
                    replay
                  </Typography>
                )}
                {derivation.failed > 0 && (
                  <Typography variant="body2" color="error.main">
                    {formatNumber(derivation.failed)} could not be applied and
                    are set aside,{' '}
                    <Link
                      component="button"
                      variant="body2"
                      color="inherit"
                      sx={{ verticalAlign: 'baseline', textAlign: 'left' }}
                      onClick={focusSetAside}
                    >
                      listed below with their errors
                    </Link>
                  </Typography>
                )}
              </>
            }
          />
        </Stack>
      </CardContent>
    </Card>
  );
}
