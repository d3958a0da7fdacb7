import { useApi } from '@backstage/core-plugin-api';
import { useParams } from 'react-router-dom';
import { dataPlatformApiRef } from '../../api';
import { EntityHeader } from '../EntityHeader';
import { useExplorerHrefs, useWorkflowHref } from '../EntityLinks';
import { EntityTabs } from '../EntityTabs';
import { LineageTab } from '../LineageExplorer';
import { EntityLoader } from '../NotFoundState';
import { RunStateChip } from '../RunStateChip';
import { RunsTab } from './RunsTab';
import { WorkflowOverviewTab } from './WorkflowOverviewTab';

const TABS = [
  { id: '', label: 'Overview' },
  { id: 'runs', label: 'Runs' },
  { id: 'lineage', label: 'Lineage' },
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
  return (
    <EntityLoader
      load={() => api.getWorkflow(id)}
      id={id}
      noun="workflow"
      back={{ label: 'All workflows', href: explorers.workflows }}
    >
      {workflow => (
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
            {tab === 'runs' && <RunsTab workflow={workflow} />}
            {tab === 'lineage' && (
              <LineageTab focus={{ id: workflow.id, kind: 'workflow' }} />
            )}
            {tab !== 'runs' && tab !== 'lineage' && (
              <WorkflowOverviewTab workflow={workflow} />
            )}
          </EntityTabs>
        </>
      )}
    </EntityLoader>
  );
}
