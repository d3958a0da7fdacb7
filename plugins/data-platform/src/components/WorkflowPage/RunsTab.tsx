import { Progress, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  RunState,
  RunSummary,
  WorkflowDetail,
} from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../api';
import { PAGE_SIZE, useCursorPagination } from '../CursorPagination';
import { RunLink } from '../EntityLinks';
import {
  formatDuration,
  formatRelativeTime,
  formatTimestamp,
  MISSING,
} from '../format';
import { PagedTable } from '../PagedTable';
import { RetryableError } from '../RetryableError';
import { RunDurationChart } from '../RunDurationChart';
import { RUN_STATES, runStateLabel, RunStateChip } from '../RunStateChip';

/** How many of the latest runs the duration chart draws. */
const CHART_RUNS = 100;

function isRunState(value: string | null): value is RunState {
  return RUN_STATES.includes(value as RunState);
}

function DurationCard(props: { workflowId: string }) {
  const { workflowId } = props;
  const api = useApi(dataPlatformApiRef);
  // The chart shows every state, whatever the table below is filtered by,
  // so that failures stand out against the successes around them.
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listRuns(workflowId, { limit: CHART_RUNS }),
    [api, workflowId],
  );
  let content: JSX.Element;
  if (error) {
    content = (
      <RetryableError
        error={error}
        title="The run history did not load"
        onRetry={retry}
      />
    );
  } else if (loading || !value) {
    content = <Progress />;
  } else {
    content = <RunDurationChart workflowId={workflowId} runs={value.items} />;
  }
  return (
    <Card sx={{ mb: 3 }}>
      <CardHeader
        title="Run durations"
        subheader={`The latest ${CHART_RUNS} runs at most, oldest to newest`}
      />
      <CardContent sx={{ pt: 0 }}>{content}</CardContent>
    </Card>
  );
}

/** A workflow's runs: durations over time, then every run, filterable. */
export function RunsTab(props: { workflow: WorkflowDetail }) {
  const { workflow } = props;
  const api = useApi(dataPlatformApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const stateParam = searchParams.get('state');
  const state = isRunState(stateParam) ? stateParam : undefined;

  const pagination = useCursorPagination(
    cursor => api.listRuns(workflow.id, { state, limit: PAGE_SIZE, cursor }),
    `${workflow.id}|${state ?? ''}`,
  );

  const columns: TableColumn<RunSummary>[] = [
    {
      title: 'Run',
      field: 'id',
      render: row => <RunLink workflowId={workflow.id} runId={row.id} />,
    },
    {
      title: 'State',
      field: 'state',
      render: row => <RunStateChip state={row.state} />,
    },
    {
      title: 'Nominal time',
      field: 'nominalStartTime',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => formatTimestamp(row.nominalStartTime),
    },
    {
      title: 'Started',
      field: 'startedAt',
      render: row =>
        row.startedAt ? (
          <span title={formatTimestamp(row.startedAt)}>
            {formatRelativeTime(row.startedAt)}
          </span>
        ) : (
          MISSING
        ),
    },
    {
      title: 'Duration',
      field: 'durationMs',
      type: 'numeric',
      render: row => formatDuration(row.durationMs),
    },
    {
      title: 'Error',
      field: 'errorMessage',
      cellStyle: { minWidth: 280 },
      render: row =>
        row.errorMessage ? (
          <Typography
            variant="body2"
            color="error"
            title={row.errorMessage}
            sx={{
              display: '-webkit-box',
              WebkitLineClamp: 2,
              WebkitBoxOrient: 'vertical',
              overflow: 'hidden',
              overflowWrap: 'anywhere',
            }}
          >
            {row.errorMessage}
          </Typography>
        ) : (
          ''
        ),
    },
  ];

  return (
    <>
      <DurationCard workflowId={workflow.id} />
      <Stack direction="row" sx={{ mb: 2 }}>
        <TextField
          select
          label="State"
          size="small"
          value={state ?? ''}
          onChange={event =>
            setSearchParams(
              previous => {
                const next = new URLSearchParams(previous);
                if (event.target.value) {
                  next.set('state', event.target.value);
                } else {
                  next.delete('state');
                }
                return next;
              },
              { replace: true },
            )
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          sx={{ minWidth: 200 }}
        >
          <option value="">All states</option>
          {RUN_STATES.map(option => (
            <option key={option} value={option}>
              {runStateLabel(option)}
            </option>
          ))}
        </TextField>
      </Stack>
      <PagedTable<RunSummary>
        pagination={pagination}
        title="Runs"
        subtitle={
          state ? `${runStateLabel(state)} runs, newest first` : 'Newest first'
        }
        columns={columns}
        pagesLabel="Run pages"
        filtered={Boolean(state)}
        empty={{
          title: 'No runs yet',
          description:
            'Runs appear here as the runtime sends their OpenLineage events.',
        }}
        noRows={<>No {state ? runStateLabel(state).toLowerCase() : ''} runs.</>}
      />
    </>
  );
}
