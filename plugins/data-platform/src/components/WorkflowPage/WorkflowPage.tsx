import { Content, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../api';
import { EntityHeader } from '../EntityHeader';
import { useExplorerHrefs, useWorkflowHref } from '../EntityLinks';
import { EntityTabs } from '../EntityTabs';
import { isNotFound, NotFoundState } from '../NotFoundState';
import { RetryableError } from '../RetryableError';
import { RunStateChip } from '../RunStateChip';
import { RunsTab } from './RunsTab';
import { WorkflowOverviewTab } from './WorkflowOverviewTab';

const TABS = [
  { id: '', label: 'Overview' },
  { id: 'runs', label: 'Runs' },
];

/**
 * One workflow's page, at `workflows/:id` with its runs tab below it
 * (`workflows/:id/runs`). Rendered by a route `:id/*`.
 */
export function WorkflowPage() {
  const params = useParams();
  const id = params.id ?? '';
  const tab = (params['*'] ?? '').split('/')[0];
  const api = useApi(dataPlatformApiRef);
  const explorers = useExplorerHrefs();
  const workflowHref = useWorkflowHref();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getWorkflow(id),
    [api, id],
  );

  let body: JSX.Element;
  if (loading && !value) {
    body = <Progress />;
  } else if (isNotFound(error)) {
    body = (
      <NotFoundState
        title="No such workflow"
        description={`The metadata service knows no workflow with the id "${id}".`}
        back={{ label: 'All workflows', href: explorers.workflows }}
      />
    );
  } else if (error || !value) {
    body = (
      <RetryableError
        error={error ?? new Error('No workflow in the answer')}
        onRetry={retry}
      />
    );
  } else {
    const workflow = value;
    body = (
      <>
        <EntityHeader
          trail={[{ label: 'Workflows', href: explorers.workflows }]}
          title={workflow.name}
          subtitle={workflow.namespace}
          badges={
            workflow.latestRun && (
              <RunStateChip state={workflow.latestRun.state} />
            )
          }
        />
        <EntityTabs
          aria-label="Workflow sections"
          idPrefix="workflow"
          baseHref={workflowHref(workflow.id)}
          tabs={TABS}
          selected={tab}
        >
          {tab === 'runs' ? (
            <RunsTab workflow={workflow} />
          ) : (
            <WorkflowOverviewTab workflow={workflow} />
          )}
        </EntityTabs>
      </>
    );
  }

  return <Content>{body}</Content>;
}
