import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DataPlatformApi,
  FailedDerivation,
  Page,
} from '@data-platform/plugin-data-platform-common';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { dataPlatformApiRef } from '../../api';
import { CursorPagination, useCursorPagination } from '../CursorPagination';
import { RunLink, WorkflowLink } from '../EntityLinks';
import { formatNumber, formatRelativeTime, formatTimestamp } from '../format';
import { RetryableError } from '../RetryableError';

/** Where the ingestion card's pointer lands. */
export const SET_ASIDE_ANCHOR = 'set-aside-events';

// Each event carries a multi-line error, so a short page keeps the overview
// readable; it also bounds the workflow look-ups a page makes.
const SET_ASIDE_PAGE_SIZE = 10;

type SetAsideEvent = FailedDerivation & { workflowId?: string };

type Job = NonNullable<FailedDerivation['job']>;

function jobKey(job: Job) {
  return `${job.namespace}\u0000${job.name}`;
}

/**
 * The workflow id of a job, which its page and its runs' pages are at, or
 * none. The list gives only the job's OpenLineage identity; a job whose
 * first event is the one set aside has no workflow yet, and a failed
 * look-up costs only the link, not the list.
 */
async function findWorkflowId(
  api: DataPlatformApi,
  job: Job,
): Promise<string | undefined> {
  try {
    const found = await api.listWorkflows({
      namespace: job.namespace,
      name: job.name,
      limit: 1,
    });
    return found.items.find(
      w => w.namespace === job.namespace && w.name === job.name,
    )?.id;
  } catch {
    return undefined;
  }
}

async function loadSetAside(
  api: DataPlatformApi,
  cursor: string | undefined,
): Promise<Page<SetAsideEvent>> {
  const page = await api.listFailedDerivations({
    limit: SET_ASIDE_PAGE_SIZE,
    cursor,
  });
  const jobs = new Map<string, Job>();
  for (const item of page.items) {
    if (item.job) jobs.set(jobKey(item.job), item.job);
  }
  const ids = new Map<string, string | undefined>(
    await Promise.all(
      [...jobs].map(
        async ([key, job]) => [key, await findWorkflowId(api, job)] as const,
      ),
    ),
  );
  return {
    ...page,
    items: page.items.map(item => ({
      ...item,
      workflowId: item.job && ids.get(jobKey(item.job)),
    })),
  };
}

function SetAsideItem(props: { event: SetAsideEvent }) {
  const { event } = props;
  const { job, workflowId, runId } = event;
  let workflow: JSX.Element;
  if (job && workflowId) {
    workflow = (
      <WorkflowLink workflow={{ id: workflowId, ...job }}>
        {job.namespace}/{job.name}
      </WorkflowLink>
    );
  } else if (job) {
    workflow = (
      <span>
        {job.namespace}/{job.name}
      </span>
    );
  } else {
    workflow = <span>No workflow ({event.eventKind} event)</span>;
  }
  let run: JSX.Element | undefined;
  if (runId && workflowId) {
    run = <RunLink workflowId={workflowId} runId={runId} />;
  } else if (runId) {
    run = (
      <Box component="span" sx={{ fontFamily: 'monospace' }}>
        {runId}
      </Box>
    );
  }
  return (
    <ListItem disableGutters divider sx={{ display: 'block', py: 1.5 }}>
      <Stack
        direction="row"
        flexWrap="wrap"
        alignItems="center"
        columnGap={2}
        rowGap={0.5}
      >
        <Typography variant="subtitle2" component="span">
          {workflow}
        </Typography>
        <Chip
          label={event.eventType ?? event.eventKind}
          size="small"
          variant="outlined"
        />
        {run && (
          <Typography variant="body2" component="span">
            Run {run}
          </Typography>
        )}
        <Typography variant="body2" component="span" color="text.secondary">
          Failed{' '}
          <time dateTime={event.failedAt}>
            {formatRelativeTime(event.failedAt)} (
            {formatTimestamp(event.failedAt)})
          </time>
        </Typography>
      </Stack>
      <Box
        component="pre"
        sx={{
          m: 0,
          mt: 1,
          p: 1,
          borderRadius: 1,
          bgcolor: 'action.hover',
          color: 'text.primary',
          fontFamily: 'monospace',
          fontSize: theme => theme.typography.body2.fontSize,
          // Errors may be long or carry a stack; all of it stays readable.
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        {event.error}
      </Box>
    </ListItem>
  );
}

/**
 * The events the service accepted but could not apply to the metadata,
 * newest first, with the error and where each came from.
 */
export function SetAsideCard(props: { count: number }) {
  const api = useApi(dataPlatformApiRef);
  const pagination = useCursorPagination(
    cursor => loadSetAside(api, cursor),
    'set-aside',
  );
  const { page, error, retry } = pagination;

  let body: JSX.Element;
  if (error) {
    body = (
      <RetryableError
        error={error}
        title="The set-aside events did not load"
        onRetry={retry}
      />
    );
  } else if (!page) {
    body = <Progress />;
  } else if (page.items.length === 0 && pagination.pageNumber === 1) {
    body = (
      <Typography variant="body2" color="text.secondary">
        No events are set aside now; a replay may have applied them since the
        counters were read.
      </Typography>
    );
  } else {
    body = (
      <>
        <List disablePadding aria-label="Set-aside events">
          {page.items.map(event => (
            <SetAsideItem key={event.rawEventId} event={event} />
          ))}
        </List>
        <CursorPagination
          label="Set-aside events pages"
          pagination={pagination}
        />
      </>
    );
  }

  return (
    // Focusable so the ingestion card's in-page link moves focus here too.
    <Card id={SET_ASIDE_ANCHOR} tabIndex={-1}>
      <CardHeader
        title="Set-aside events"
        subheader={`${formatNumber(props.count)} accepted ${
          props.count === 1 ? 'event' : 'events'
        } could not be applied to the metadata. They stay in the raw log; once the cause is fixed, a replay applies them.`}
      />
      <CardContent sx={{ pt: 0 }}>{body}</CardContent>
    </Card>
  );
}
