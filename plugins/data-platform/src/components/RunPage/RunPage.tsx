import { CodeSnippet, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RunDetail } from '@data-platform/plugin-data-platform-common';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useParams } from 'react-router-dom';
import { dataPlatformApiRef } from '../../api';
import { CompactColumn, CompactTable } from '../CompactTable';
import { EntityHeader } from '../EntityHeader';
import {
  EndpointLink,
  shortRunId,
  useExplorerHrefs,
  useRunHref,
  useWorkflowHref,
  WorkflowLink,
} from '../EntityLinks';
import {
  formatBytes,
  formatDuration,
  formatNumber,
  formatTimestamp,
} from '../format';
import { EntityLoader } from '../NotFoundState';
import { EntityOverviewCards } from '../EntityOverview';
import { PartitionKey } from '../PartitionKey';
import { RunStateChip } from '../RunStateChip';

function nominalWindow(run: RunDetail) {
  if (!run.nominalStartTime) {
    return undefined;
  }
  return run.nominalEndTime
    ? `${formatTimestamp(run.nominalStartTime)} – ${formatTimestamp(
        run.nominalEndTime,
      )}`
    : formatTimestamp(run.nominalStartTime);
}

const PARTITION_COLUMNS: CompactColumn<RunDetail['partitions'][number]>[] = [
  {
    title: 'Endpoint',
    render: partition => <EndpointLink endpoint={partition.endpoint} />,
  },
  {
    title: 'Partition',
    render: partition => <PartitionKey partitionKey={partition.key} />,
  },
  { title: 'Landed', render: partition => formatTimestamp(partition.landedAt) },
  {
    title: 'Rows',
    align: 'right',
    render: partition => formatNumber(partition.rowCount),
  },
  {
    title: 'Size',
    align: 'right',
    render: partition => formatBytes(partition.bytes),
  },
];

function PartitionsCard(props: { run: RunDetail }) {
  const { run } = props;
  return (
    <Card>
      <CardHeader title="Partitions produced" />
      <CardContent sx={{ pt: 0 }}>
        {run.partitions.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            This run produced no partitions.
          </Typography>
        ) : (
          <CompactTable
            aria-label="Partitions produced"
            columns={PARTITION_COLUMNS}
            rows={run.partitions}
            rowKey={partition => `${partition.endpointId}:${partition.key}`}
          />
        )}
      </CardContent>
    </Card>
  );
}

function RunContent(props: { run: RunDetail }) {
  const { run } = props;
  const runHref = useRunHref();
  return (
    <Grid container spacing={3} alignItems="stretch">
      {run.errorMessage && (
        <Grid item xs={12}>
          <Alert severity="error">
            <AlertTitle>The run failed</AlertTitle>
            <Typography
              variant="body2"
              sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >
              {run.errorMessage}
            </Typography>
          </Alert>
        </Grid>
      )}
      <EntityOverviewCards
        about={{
          'aria-label': 'About the run',
          items: [
            {
              label: 'Run id',
              value: (
                <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                  {run.id}
                </Typography>
              ),
            },
            {
              label: 'Workflow',
              value: <WorkflowLink workflow={run.workflow} />,
            },
            { label: 'State', value: <RunStateChip state={run.state} /> },
            { label: 'Nominal time', value: nominalWindow(run) },
            {
              label: 'Started',
              value: run.startedAt && formatTimestamp(run.startedAt),
            },
            {
              label: 'Ended',
              value: run.endedAt && formatTimestamp(run.endedAt),
            },
            {
              label: 'Duration',
              value:
                run.durationMs !== undefined && formatDuration(run.durationMs),
            },
            {
              label: 'Parent run',
              value: run.parentRun && (
                <span title={run.parentRun.id}>
                  <WorkflowLink workflow={run.parentRun.workflow} /> · run{' '}
                  <Link
                    to={runHref(run.parentRun.workflow.id, run.parentRun.id)}
                  >
                    {shortRunId(run.parentRun.id)}
                  </Link>
                </span>
              ),
            },
            { label: 'Last heard of', value: formatTimestamp(run.updatedAt) },
          ],
        }}
        lineage={{
          sections: [
            {
              heading: 'Read',
              kind: 'endpoint',
              items: run.inputs,
              empty: 'No inputs recorded.',
              'aria-label': 'Inputs',
            },
            {
              heading: 'Wrote',
              kind: 'endpoint',
              items: run.outputs,
              empty: 'No outputs recorded.',
              'aria-label': 'Outputs',
            },
          ],
        }}
      />
      <Grid item xs={12}>
        <PartitionsCard run={run} />
      </Grid>
      {Object.keys(run.facets).length > 0 && (
        <Grid item xs={12}>
          <Accordion disableGutters>
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <Typography variant="subtitle1">
                Run facets of the latest event
              </Typography>
            </AccordionSummary>
            <AccordionDetails>
              <CodeSnippet
                text={JSON.stringify(run.facets, null, 2)}
                language="json"
                showCopyCodeButton
              />
            </AccordionDetails>
          </Accordion>
        </Grid>
      )}
    </Grid>
  );
}

/** One run of a workflow, at `workflows/:workflowId/runs/:runId`. */
export function RunPage() {
  const params = useParams();
  const runId = params.runId ?? '';
  const api = useApi(dataPlatformApiRef);
  const explorers = useExplorerHrefs();
  const workflowHref = useWorkflowHref();
  return (
    <EntityLoader
      load={() => api.getRun(runId)}
      id={runId}
      noun="run"
      back={{
        label: 'Back to the workflow',
        href: params.workflowId
          ? `${workflowHref(params.workflowId)}/runs`
          : explorers.workflows,
      }}
    >
      {run => (
        <>
          <EntityHeader
            trail={[
              { label: 'Workflows', href: explorers.workflows },
              {
                label: run.workflow.name,
                href: `${workflowHref(run.workflow.id)}/runs`,
              },
            ]}
            title={`Run ${shortRunId(run.id)}`}
            subtitle={run.workflow.namespace}
            badges={<RunStateChip state={run.state} />}
          />
          <RunContent run={run} />
        </>
      )}
    </EntityLoader>
  );
}
