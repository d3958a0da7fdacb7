import { HealthStatus } from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';

/** Whether the metadata service is healthy, check by check. */
export function ServiceHealthCard(props: {
  health: HealthStatus;
  databaseClient: string;
}) {
  const { health, databaseClient } = props;
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title="Metadata service"
        subheader={`Store: ${databaseClient}`}
        action={
          <Chip
            label={health.status === 'ok' ? 'Healthy' : 'Degraded'}
            color={health.status === 'ok' ? 'success' : 'error'}
            size="small"
          />
        }
      />
      <CardContent sx={{ pt: 0 }}>
        <List dense aria-label="Health checks">
          {health.checks.map(check => (
            <ListItem
              key={check.name}
              disableGutters
              secondaryAction={
                <Chip
                  label={check.status}
                  color={check.status === 'ok' ? 'success' : 'error'}
                  variant="outlined"
                  size="small"
                />
              }
            >
              <ListItemText primary={check.name} secondary={check.message} />
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
}
