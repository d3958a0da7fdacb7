import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The data platform's root page, mounted at `/data`. */
export const rootRouteRef = createRouteRef({ id: 'data-platform' });

// Sub-routes hang off the root so that links resolve wherever an app mounts
// the plugin, in both frontend systems, without the app binding each one.

/** The landing view with the service's counters and health. */
export const overviewRouteRef = createSubRouteRef({
  id: 'data-platform/overview',
  parent: rootRouteRef,
  path: '/overview',
});

/** The endpoint explorer. */
export const endpointsRouteRef = createSubRouteRef({
  id: 'data-platform/endpoints',
  parent: rootRouteRef,
  path: '/endpoints',
});

/** One endpoint's page. */
export const endpointRouteRef = createSubRouteRef({
  id: 'data-platform/endpoint',
  parent: rootRouteRef,
  path: '/endpoints/:id',
});

/** The workflow explorer. */
export const workflowsRouteRef = createSubRouteRef({
  id: 'data-platform/workflows',
  parent: rootRouteRef,
  path: '/workflows',
});

/** One workflow's page. */
export const workflowRouteRef = createSubRouteRef({
  id: 'data-platform/workflow',
  parent: rootRouteRef,
  path: '/workflows/:id',
});

/** One run, below the workflow it executed. */
export const runRouteRef = createSubRouteRef({
  id: 'data-platform/run',
  parent: rootRouteRef,
  path: '/workflows/:workflowId/runs/:runId',
});

/**
 * The lineage explorer, its focus and options in the query
 * (`?focus=<id>&focusKind=endpoint&depth=2`) so that views can be shared.
 */
export const lineageRouteRef = createSubRouteRef({
  id: 'data-platform/lineage',
  parent: rootRouteRef,
  path: '/lineage',
});
