import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The data platform's root page, mounted at `/data`. */
export const rootRouteRef = createRouteRef({ id: 'data-platform' });

// Sub-routes hang off the root so that links resolve wherever an app mounts
// the plugin, in both frontend systems, without the app binding each one.
function subRoute<Path extends string>(id: string, path: Path) {
  return createSubRouteRef({
    id: `data-platform/${id}`,
    parent: rootRouteRef,
    path,
  });
}

/** The landing view with the service's counters and health. */
export const overviewRouteRef = subRoute('overview', '/overview');

/** The endpoint explorer. */
export const endpointsRouteRef = subRoute('endpoints', '/endpoints');

/** One endpoint's page. */
export const endpointRouteRef = subRoute('endpoint', '/endpoints/:id');

/** The workflow explorer. */
export const workflowsRouteRef = subRoute('workflows', '/workflows');

/** One workflow's page. */
export const workflowRouteRef = subRoute('workflow', '/workflows/:id');

/** One run, below the workflow it executed. */
export const runRouteRef = subRoute(
  'run',
  '/workflows/:workflowId/runs/:runId',
);

/**
 * The lineage explorer, its focus and options in the query
 * (`?focus=<id>&focusKind=endpoint&depth=2`) so that views can be shared.
 */
export const lineageRouteRef = subRoute('lineage', '/lineage');

/** The endpoints and workflows without an owner, to be claimed. */
export const stewardshipRouteRef = subRoute('stewardship', '/stewardship');
