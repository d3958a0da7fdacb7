import { Link } from '@backstage/core-components';
import { DataPlatformOverview } from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import { useExplorerHrefs } from '../EntityLinks';
import { formatNumber } from '../format';
import { Figure } from './Figure';

/** What the service has derived from the events, with ways in. */
export function CountsCard(props: { counts: DataPlatformOverview['counts'] }) {
  const { endpoints, workflows, runs } = props.counts;
  const hrefs = useExplorerHrefs();
  return (
    <Card>
      <CardHeader
        title="Metadata"
        subheader="Endpoints, workflows and runs derived from the events"
      />
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={4}>
          <Figure
            label="Endpoints"
            value={formatNumber(endpoints)}
            action={<Link to={hrefs.endpoints}>Browse endpoints</Link>}
          />
          <Figure
            label="Workflows"
            value={formatNumber(workflows)}
            action={<Link to={hrefs.workflows}>Browse workflows</Link>}
          />
          <Figure label="Runs" value={formatNumber(runs)} />
        </Stack>
      </CardContent>
    </Card>
  );
}
