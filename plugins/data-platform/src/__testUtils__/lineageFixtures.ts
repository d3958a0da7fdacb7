// Test support only: lineage answers for the explorer's tests.
import {
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '@data-platform/plugin-data-platform-common';

/** How many neighbours a node has each way, none of them left out. */
export function neighbours(
  upstream: number,
  downstream: number,
): Pick<LineageNode, 'upstream' | 'downstream'> {
  return {
    upstream: { total: upstream, omitted: 0 },
    downstream: { total: downstream, omitted: 0 },
  };
}

export function lineageNode(
  overrides: Partial<LineageNode> & Pick<LineageNode, 'id' | 'name'>,
): LineageNode {
  return {
    kind: 'endpoint',
    namespace: 'postgres://warehouse:5432',
    owner: 'group:default/team-a',
    distance: 1,
    status: 'ok',
    ...neighbours(0, 0),
    ...overrides,
  };
}

export function lineageEdge(from: string, to: string): LineageEdge {
  return {
    from,
    to,
    firstSeenAt: '2026-11-01T00:00:00.000Z',
    lastSeenAt: '2026-11-25T00:00:00.000Z',
  };
}

/**
 * public.orders at depth 1 both ways:
 * staging.orders → load_orders → public.orders → daily_revenue → public.revenue,
 * where staging.orders has a producer and public.revenue two consumers
 * not loaded yet.
 */
export function ordersLineage(
  overrides: Partial<LineageGraph> = {},
): LineageGraph {
  return {
    focus: 'ep-orders',
    truncated: false,
    nodes: [
      lineageNode({
        id: 'ep-staging',
        name: 'staging.orders',
        ...neighbours(1, 1),
      }),
      lineageNode({
        id: 'wf-load',
        kind: 'workflow',
        namespace: 'airflow',
        name: 'load_orders',
        owner: 'group:default/team-b',
        status: 'failed',
        ...neighbours(1, 1),
      }),
      lineageNode({
        id: 'ep-orders',
        name: 'public.orders',
        distance: 0,
        ...neighbours(1, 1),
      }),
      lineageNode({
        id: 'wf-report',
        kind: 'workflow',
        namespace: 'dbt',
        name: 'daily_revenue',
        status: 'running',
        ...neighbours(1, 1),
      }),
      lineageNode({
        id: 'ep-revenue',
        name: 'public.revenue',
        namespace: 'bigquery',
        ...neighbours(1, 2),
      }),
    ],
    edges: [
      lineageEdge('ep-staging', 'wf-load'),
      lineageEdge('wf-load', 'ep-orders'),
      lineageEdge('ep-orders', 'wf-report'),
      lineageEdge('wf-report', 'ep-revenue'),
    ],
    ...overrides,
  };
}

/** What public.revenue's downstream adds: two consumers, one output. */
export function revenueDownstream(): LineageGraph {
  return {
    focus: 'ep-revenue',
    truncated: false,
    nodes: [
      lineageNode({
        id: 'ep-revenue',
        name: 'public.revenue',
        namespace: 'bigquery',
        distance: 0,
        ...neighbours(1, 2),
      }),
      lineageNode({
        id: 'wf-dash',
        kind: 'workflow',
        namespace: 'looker',
        name: 'build_dashboard',
        ...neighbours(1, 1),
      }),
      lineageNode({
        id: 'wf-ml',
        kind: 'workflow',
        namespace: 'spark',
        name: 'train_forecast',
        ...neighbours(1, 0),
      }),
      lineageNode({
        id: 'ep-dashboard',
        name: 'looker.revenue_dashboard',
        namespace: 'looker',
        ...neighbours(1, 3),
      }),
    ],
    edges: [
      lineageEdge('ep-revenue', 'wf-dash'),
      lineageEdge('ep-revenue', 'wf-ml'),
      lineageEdge('wf-dash', 'ep-dashboard'),
    ],
  };
}
