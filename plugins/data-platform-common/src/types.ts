/*
 * The types of the metadata service's HTTP API, as the rest of the plugin
 * names them. Each is an alias of what `yarn generate:openapi` generates from
 * the backend's src/schema/openapi.yaml into ./generated, so they cannot
 * drift from the contract the router validates.
 */
import type { components, operations } from './generated/openapi';

/**
 * The answer of `GET /health`: whether the metadata service can serve
 * requests, and the checks behind that verdict.
 *
 * @public
 */
export type HealthStatus = components['schemas']['HealthStatus'];

/**
 * One named check inside a {@link HealthStatus}.
 *
 * @public
 */
export type HealthCheckResult = components['schemas']['HealthCheckResult'];

/**
 * The answer of `GET /v1/overview`: what the metadata service holds, at a
 * glance.
 *
 * @public
 */
export type DataPlatformOverview = components['schemas']['Overview'];

/**
 * When the facts of an accepted event are applied: `background` (queued
 * and applied shortly after the request answers) or `inline` (in the
 * request, so reads see them once it answers).
 *
 * @public
 */
export type DerivationMode = components['schemas']['DerivationStatus']['mode'];

/**
 * The derivation queue, in the overview and `GET /v1/derivation`.
 *
 * @public
 */
export type DerivationStatus = components['schemas']['DerivationStatus'];

/**
 * An accepted event set aside because deriving it failed (a derivation
 * bug, not bad input). It stays in the raw log; a replay after a fix
 * derives it again.
 *
 * @public
 */
export type FailedDerivation = components['schemas']['FailedDerivation'];

/**
 * What `POST /v1/admin/replay` did before it answered: derived state is
 * cleared and the raw log queued; the worker derives it after.
 *
 * @public
 */
export type ReplayResult = components['schemas']['ReplayResult'];

/**
 * A page of a list. Pass `nextCursor` back as `cursor` for the next page;
 * it is absent on the last page. The contract's page schemas
 * (`EndpointPage`, `RunPage`, ...) all have this shape.
 *
 * @public
 */
export type Page<T> = {
  items: T[];
  nextCursor?: string;
  /**
   * How many items match across all pages, where the list counts them
   * (endpoints and workflows): exact up to 10,000, else 10,000 with
   * `totalIsEstimate`.
   */
  total?: number;
  /** True when `total` is a lower bound rather than the exact count. */
  totalIsEstimate?: boolean;
};

/**
 * A reference to an endpoint or workflow: its stable, URL-safe id and its
 * OpenLineage identity.
 *
 * @public
 */
export type EntityReference = components['schemas']['EntityReference'];

/**
 * One field of an endpoint's schema, with nested fields for structs.
 *
 * @public
 */
export type SchemaField = components['schemas']['SchemaField'];

/**
 * The partition one run produced of one endpoint.
 *
 * @public
 */
export type Partition = components['schemas']['Partition'];

/**
 * An endpoint (an OpenLineage dataset) in a list.
 *
 * @public
 */
export type EndpointSummary = components['schemas']['EndpointSummary'];

/**
 * An endpoint with everything its page shows.
 *
 * @public
 */
export type EndpointDetail = components['schemas']['EndpointDetail'];

/**
 * One version of an endpoint's schema. A new version is recorded only when
 * the fields change.
 *
 * @public
 */
export type SchemaVersion = components['schemas']['SchemaVersion'];

/**
 * One difference between two schema versions, at a dotted field path.
 *
 * @public
 */
export type SchemaChange = components['schemas']['SchemaChange'];

/**
 * The answer of `GET /v1/endpoints/{id}/schema-diff`.
 *
 * @public
 */
export type SchemaDiff = components['schemas']['SchemaDiff'];

/**
 * The state of a run, derived from its events in whatever order they came.
 *
 * @public
 */
export type RunState = components['schemas']['RunState'];

/**
 * A run in a list.
 *
 * @public
 */
export type RunSummary = components['schemas']['RunSummary'];

/**
 * A run with its inputs, outputs, parent and the partitions it produced.
 *
 * @public
 */
export type RunDetail = components['schemas']['RunDetail'];

/**
 * A workflow (an OpenLineage job) in a list.
 *
 * @public
 */
export type WorkflowSummary = components['schemas']['WorkflowSummary'];

/**
 * A workflow with everything its page shows.
 *
 * @public
 */
export type WorkflowDetail = components['schemas']['WorkflowDetail'];

/**
 * An accepted event as kept in the raw log.
 *
 * @public
 */
export type RawEvent = components['schemas']['RawEvent'];

/**
 * A rejected event as kept in the dead-letter store.
 *
 * @public
 */
export type DeadLetter = components['schemas']['DeadLetter'];

/**
 * Why one event of a batch was not accepted.
 *
 * @public
 */
export type FailedEvent =
  components['schemas']['BatchIngestionResult']['failed_events'][number];

/**
 * The answer of `POST /v1/lineage/batch`, the OpenLineage batch contract.
 *
 * @public
 */
export type BatchIngestionResult =
  components['schemas']['BatchIngestionResult'];

/**
 * What `GET /v1/values` is asked: the field, the kind of asset, a prefix
 * and a limit.
 *
 * @public
 */
export type ValueQuery = operations['ListValues']['parameters']['query'];

/**
 * The distinct values of a field with their counts, most used first.
 *
 * @public
 */
export type ValueList = components['schemas']['ValueList'];

/**
 * One distinct value and how many endpoints or workflows have it.
 *
 * @public
 */
export type ValueCount = components['schemas']['ValueCount'];

/**
 * Filters of the endpoint and workflow lists (their query parameters).
 *
 * @public
 */
export type ListFilters = NonNullable<
  operations['ListEndpoints']['parameters']['query']
>;

/**
 * Filters of a workflow's runs (the query parameters of
 * `GET /v1/workflows/{id}/runs`).
 *
 * @public
 */
export type RunFilters = NonNullable<
  operations['ListRuns']['parameters']['query']
>;

/**
 * How an endpoint's or workflow's owner was resolved to a catalog entity
 * ref, or `unowned`.
 *
 * @public
 */
export type OwnerRule = components['schemas']['OwnerRule'];

/**
 * Why an unowned endpoint or workflow is unowned.
 *
 * @public
 */
export type UnownedReason = components['schemas']['UnownedReason'];

/**
 * What a team declares about an endpoint or workflow in its own
 * catalog-info.yaml, as the API shows it on the item's details.
 *
 * @public
 */
export type DeclaredMetadata = components['schemas']['Declaration'];
