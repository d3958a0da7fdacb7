/*
 * The lineage types of the metadata service's HTTP API: aliases of what
 * `yarn generate:openapi` generates from the backend's openapi.yaml, plus the
 * query shapes the client takes (the contract's query parameters, with the
 * focus narrowed to the two ways of naming it).
 */
import type { components, operations } from './generated/openapi';

/**
 * Which way a lineage walk goes from the focus: `upstream`, `downstream` or
 * `both` (the union of the two closures, not the connected component).
 *
 * @public
 */
export type LineageDirection = components['parameters']['lineageDirection'];

/**
 * What a lineage node is: an endpoint (dataset) or a workflow (job).
 *
 * @public
 */
export type LineageNodeKind = components['parameters']['lineageKind'];

/**
 * How many neighbours a node has on one side, and how many of them the
 * response left out.
 *
 * @public
 */
export type LineageFanout = components['schemas']['LineageFanout'];

/**
 * An endpoint or a workflow in a lineage graph.
 *
 * @public
 */
export type LineageNode = components['schemas']['LineageNode'];

/**
 * A directed edge of a lineage graph: data flows from `from` to `to`.
 *
 * @public
 */
export type LineageEdge = components['schemas']['LineageEdge'];

/**
 * The answer of `GET /v1/lineage`.
 *
 * @public
 */
export type LineageGraph = components['schemas']['LineageGraph'];

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
 * A lineage request: the focus and the walk's query parameters.
 *
 * @public
 */
export type LineageQuery = LineageFocus &
  Omit<
    NonNullable<operations['GetLineage']['parameters']['query']>,
    'id' | 'kind' | 'namespace' | 'name'
  >;

/**
 * A field of an endpoint in a column lineage graph.
 *
 * @public
 */
export type ColumnLineageNode = components['schemas']['ColumnLineageNode'];

/**
 * How an input field becomes an output field, from the columnLineage facet.
 *
 * @public
 */
export type ColumnTransformation =
  components['schemas']['ColumnTransformation'];

/**
 * A column lineage edge: the field `to` is derived from the field `from`.
 *
 * @public
 */
export type ColumnLineageEdge = components['schemas']['ColumnLineageEdge'];

/**
 * The answer of `GET /v1/lineage/columns`.
 *
 * @public
 */
export type ColumnLineageGraph = components['schemas']['ColumnLineageGraph'];

/**
 * A column lineage request: the focus endpoint (by id, or namespace and
 * name), optionally one of its fields, and the walk.
 *
 * @public
 */
export type ColumnLineageQuery = NonNullable<
  operations['GetColumnLineage']['parameters']['query']
>;

/**
 * An endpoint or workflow downstream of the focus, in an impact report.
 *
 * @public
 */
export type ImpactItem = components['schemas']['ImpactItem'];

/**
 * The answer of `GET /v1/lineage/impact`: everything downstream of the
 * focus, nearest first, with how many items each owner has.
 *
 * @public
 */
export type ImpactReport = components['schemas']['ImpactReport'];

/**
 * An impact request: the focus, and how deep and as of when to look.
 *
 * @public
 */
export type ImpactQuery = LineageFocus &
  Omit<
    NonNullable<operations['GetLineageImpact']['parameters']['query']>,
    'id' | 'kind' | 'namespace' | 'name' | 'format'
  >;
