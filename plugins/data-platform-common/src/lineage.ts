import { RunState } from './types';

/**
 * Which way a lineage query walks from its focus: `upstream` towards what
 * the focus is made from, `downstream` towards what is made from it, `both`
 * the union of the two closures (not the connected component).
 *
 * @public
 */
export type LineageDirection = 'upstream' | 'downstream' | 'both';

/**
 * The kind of a lineage node: an endpoint (an OpenLineage dataset) or a
 * workflow (an OpenLineage job).
 *
 * @public
 */
export type LineageNodeKind = 'endpoint' | 'workflow';

/**
 * How many neighbours a node has on one side, and how many of them the
 * response leaves out because the node is wider than the fan-out limit.
 *
 * @public
 */
export type LineageFanout = {
  total: number;
  /** Neighbours on this side not in the response; 0 when none were cut. */
  omitted: number;
};

/**
 * A node of the lineage graph, with what the graph draws, so that no
 * request per node is needed.
 *
 * @public
 */
export type LineageNode = {
  /** The endpoint's or workflow's stable id. */
  id: string;
  kind: LineageNodeKind;
  namespace: string;
  name: string;
  owner?: string;
  /** Workflow hops from the focus; 0 for the focus itself. */
  distance: number;
  /** Workflows: the state of the latest run. */
  lastRun?: { id: string; state: RunState; endedAt?: string };
  /** Endpoints: when the latest partition landed. */
  lastUpdatedAt?: string;
  /**
   * `ok` (last run completed, or data landed), `failed` (last run failed or
   * was aborted), `running`, or `unknown` (nothing observed yet).
   */
  status: 'ok' | 'failed' | 'running' | 'unknown';
  /** Inputs of a workflow / producers of an endpoint. */
  upstream: LineageFanout;
  /** Outputs of a workflow / consumers of an endpoint. */
  downstream: LineageFanout;
};

/**
 * An edge of the lineage graph: endpoint → workflow when the workflow reads
 * the endpoint, workflow → endpoint when it writes it.
 *
 * @public
 */
export type LineageEdge = {
  from: string;
  to: string;
  /** The event time runs (or a JobEvent) first observed this edge. */
  firstSeenAt: string;
  /** The event time runs (or a JobEvent) last observed this edge. */
  lastSeenAt: string;
};

/**
 * The answer of `GET /v1/lineage`.
 *
 * @public
 */
export type LineageGraph = {
  /** The id of the focus node (a symlink alias resolves to its endpoint). */
  focus: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** The time the graph is as of, when `asOf` was given. */
  asOf?: string;
  /**
   * True when the node limit stopped the walk before `depth`; the graph is
   * still consistent, its outer nodes carry `omitted` counts.
   */
  truncated: boolean;
  /**
   * On a depth-1 request for one direction, when the focus has more
   * neighbours on that side than this page holds: pass it as `after` for
   * the next page.
   */
  next?: string;
};

/**
 * Which node a lineage query starts from: its id, or its kind with its
 * OpenLineage namespace and name.
 *
 * @public
 */
export type LineageFocus =
  | { id: string; kind?: LineageNodeKind }
  | { kind: LineageNodeKind; namespace: string; name: string };

/**
 * The parameters of `GET /v1/lineage`.
 *
 * @public
 */
export type LineageQuery = LineageFocus & {
  /** Default `both`. */
  direction?: LineageDirection;
  /** Workflow hops from the focus; default 1. */
  depth?: number;
  /** Neighbours returned per node and side; the rest are counted. */
  fanout?: number;
  /** An ISO 8601 timestamp: the lineage as it was then. */
  asOf?: string;
  /**
   * A previous response's `next`: the focus's following page of
   * neighbours. Only with `depth` 1 and `direction` upstream or downstream.
   */
  after?: string;
};

/**
 * A field of an endpoint in the column-level lineage graph.
 *
 * @public
 */
export type ColumnLineageNode = {
  /** Unique in the response: the endpoint id and the field path. */
  id: string;
  /** The endpoint's id; absent when the endpoint was never observed. */
  endpointId?: string;
  namespace: string;
  name: string;
  field: string;
  distance: number;
};

/**
 * How one field is derived from another, from the columnLineage facet.
 *
 * @public
 */
export type ColumnTransformation = {
  /** `DIRECT` or `INDIRECT`. */
  type: string;
  /** e.g. `IDENTITY`, `TRANSFORMATION`, `AGGREGATION`, `JOIN`, `FILTER`. */
  subtype?: string;
  description?: string;
  masking?: boolean;
};

/**
 * An edge of the column-level graph, from an input field to the field
 * derived from it. DIRECT and INDIRECT derivations are kept apart in
 * `transformations`.
 *
 * @public
 */
export type ColumnLineageEdge = {
  from: string;
  to: string;
  transformations: ColumnTransformation[];
};

/**
 * The answer of `GET /v1/lineage/columns`.
 *
 * @public
 */
export type ColumnLineageGraph = {
  focus: string;
  nodes: ColumnLineageNode[];
  edges: ColumnLineageEdge[];
  truncated: boolean;
};

/**
 * The parameters of `GET /v1/lineage/columns`. Without `field`, the graph
 * starts from every field of the endpoint.
 *
 * @public
 */
export type ColumnLineageQuery = {
  namespace?: string;
  name?: string;
  /** An endpoint id, instead of namespace and name. */
  id?: string;
  field?: string;
  direction?: LineageDirection;
  /** Endpoint hops from the focus; default 1. */
  depth?: number;
};

/**
 * One endpoint or workflow a change to the focus can break.
 *
 * @public
 */
export type ImpactItem = {
  id: string;
  kind: LineageNodeKind;
  namespace: string;
  name: string;
  owner?: string;
  /** Workflow hops from the focus. */
  distance: number;
};

/**
 * The answer of `GET /v1/lineage/impact` (also as CSV with
 * `format=csv`): everything downstream of the focus, nearest first.
 *
 * @public
 */
export type ImpactReport = {
  focus: string;
  items: ImpactItem[];
  /** Per owner, how many impacted items they own. */
  owners: { owner?: string; count: number }[];
  truncated: boolean;
};

/**
 * The parameters of `GET /v1/lineage/impact`.
 *
 * @public
 */
export type ImpactQuery = LineageFocus & {
  /** Workflow hops; default unbounded up to the service's node limit. */
  depth?: number;
  asOf?: string;
};
