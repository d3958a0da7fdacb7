import { DataPlatformOverview } from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

const numberFormat = new Intl.NumberFormat();

function Figure(props: { label: string; value: string; tone?: 'error' }) {
  return (
    <Stack spacing={0.5} sx={{ minWidth: 160 }}>
      <Typography variant="overline" color="text.secondary">
        {props.label}
      </Typography>
      <Typography
        variant="h4"
        component="p"
        color={props.tone === 'error' ? 'error.main' : 'text.primary'}
      >
        {props.value}
      </Typography>
    </Stack>
  );
}

/** The ingestion counters: accepted, rejected, and when the last event came. */
export function IngestionCard(props: {
  ingestion: DataPlatformOverview['ingestion'];
}) {
  const { acceptedEvents, rejectedEvents, lastEventAt } = props.ingestion;
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
            value={numberFormat.format(acceptedEvents)}
          />
          <Figure
            label="Events rejected"
            value={numberFormat.format(rejectedEvents)}
            tone={rejectedEvents > 0 ? 'error' : undefined}
          />
          <Figure
            label="Last event"
            value={
              lastEventAt ? new Date(lastEventAt).toLocaleString() : 'Never'
            }
          />
        </Stack>
      </CardContent>
    </Card>
  );
}
