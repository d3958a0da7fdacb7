import { Route, Routes } from 'react-router-dom';
import { EndpointExplorer } from '../EndpointExplorer';
import { EndpointPage } from '../EndpointPage';
import { RunPage } from '../RunPage';
import { WorkflowExplorer } from '../WorkflowExplorer';
import { WorkflowPage } from '../WorkflowPage';

/**
 * Everything under `endpoints`: the explorer and each endpoint's page.
 * Rendered by the Endpoints sub-page (new frontend system) and by the
 * legacy page's `endpoints/*` route alike.
 */
export function EndpointRoutes() {
  return (
    <Routes>
      <Route index element={<EndpointExplorer />} />
      <Route path=":id/*" element={<EndpointPage />} />
    </Routes>
  );
}

/** Everything under `workflows`: the explorer, workflow pages and runs. */
export function WorkflowRoutes() {
  return (
    <Routes>
      <Route index element={<WorkflowExplorer />} />
      <Route path=":workflowId/runs/:runId" element={<RunPage />} />
      <Route path=":id/*" element={<WorkflowPage />} />
    </Routes>
  );
}
