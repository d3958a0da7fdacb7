import { CodeSnippet, Link } from '@backstage/core-components';
import { WorkflowDetail } from '@data-platform/plugin-data-platform-common';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { RunLink, useWorkflowHref, WorkflowLink } from '../EntityLinks';
import {
  EntityOverviewCards,
  identityItems,
  seenItems,
  tagsItem,
} from '../EntityOverview';
import {
  formatDuration,
  formatJobType,
  formatRelativeTime,
  formatTimestamp,
  runTime,
} from '../format';
import { RunStateChip } from '../RunStateChip';

// Helpers rather than components, so that what is absent stays `undefined`
// and the list shows its dash.
function sourceCode(location: WorkflowDetail['sourceCodeLocation']) {
  if (!location) {
    return undefined;
  }
  const href = location.url ?? location.repoUrl;
  const details = [
    location.path,
    location.branch && `branch ${location.branch}`,
    location.tag && `tag ${location.tag}`,
    location.version && `version ${location.version.slice(0, 12)}`,
  ].filter(Boolean);
  if (!href && details.length === 0) {
    return undefined;
  }
  return (
    <Stack spacing={0.25}>
      {href && /^https?:\/\//i.test(href) ? (
        <Link to={href}>{location.path ?? href}</Link>
      ) : (
        <span>{href ?? location.path}</span>
      )}
      {details.length > 0 && (
        <Typography variant="caption" color="text.secondary">
          {[location.type, ...details].filter(Boolean).join(' · ')}
        </Typography>
      )}
    </Stack>
  );
}

function latestRun(workflow: WorkflowDetail) {
  const run = workflow.latestRun;
  if (!run) {
    return undefined;
  }
  const when = runTime(run);
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
      <RunStateChip state={run.state} />
      <span title={formatTimestamp(when)}>{formatRelativeTime(when)}</span>
      {run.durationMs !== undefined && (
        <Typography variant="body2" color="text.secondary" component="span">
          took {formatDuration(run.durationMs)}
        </Typography>
      )}
      <RunLink workflowId={workflow.id} runId={run.id} />
    </Stack>
  );
}

/** What a workflow is, what it runs, and what it reads and writes. */
export function WorkflowOverviewTab(props: { workflow: WorkflowDetail }) {
  const { workflow } = props;
  const workflowHref = useWorkflowHref();
  return (
    <Grid container spacing={3} alignItems="stretch">
      <EntityOverviewCards
        about={{
          'aria-label': 'About the workflow',
          items: [
            ...identityItems(workflow),
            { label: 'Job type', value: formatJobType(workflow.jobType) },
            {
              label: 'Parent workflow',
              value: workflow.parent && (
                <WorkflowLink workflow={workflow.parent} />
              ),
            },
            {
              label: 'Source code',
              value: sourceCode(workflow.sourceCodeLocation),
            },
            tagsItem(workflow.tags),
            { label: 'Latest run', value: latestRun(workflow) },
            ...seenItems(workflow),
          ],
        }}
        lineage={{
          subheader: 'From the latest completed run',
          action: (
            <Link to={`${workflowHref(workflow.id)}/lineage`}>
              Explore lineage
            </Link>
          ),
          sections: [
            {
              heading: 'Reads',
              kind: 'endpoint',
              items: workflow.inputs,
              empty: 'No inputs recorded.',
              'aria-label': 'Inputs',
            },
            {
              heading: 'Writes',
              kind: 'endpoint',
              items: workflow.outputs,
              empty: 'No outputs recorded.',
              'aria-label': 'Outputs',
            },
          ],
        }}
      />
      {workflow.sql && (
        <Grid item xs={12}>
          <Card>
            <CardHeader
              title="SQL"
              subheader={
                workflow.sql.dialect
                  ? `Dialect: ${workflow.sql.dialect}`
                  : 'As the runtime reported it'
              }
            />
            <CardContent sx={{ pt: 0 }}>
              <CodeSnippet
                text={workflow.sql.query}
                language="sql"
                showLineNumbers
                showCopyCodeButton
                wrapLongLines
              />
            </CardContent>
          </Card>
        </Grid>
      )}
    </Grid>
  );
}
