/**
 * The answer of `GET /health`: whether the metadata service can serve
 * requests, and the checks behind that verdict.
 *
 * @public
 */
export type HealthStatus = {
  status: 'ok' | 'degraded';
  checks: HealthCheckResult[];
};

/**
 * One named check inside a {@link HealthStatus}.
 *
 * @public
 */
export type HealthCheckResult = {
  name: string;
  status: 'ok' | 'failing';
  message?: string;
};

/**
 * The answer of `GET /v1/overview`: what the metadata service holds, at a
 * glance.
 *
 * @public
 */
export type DataPlatformOverview = {
  /** The database engine behind the store, e.g. `pg` or `better-sqlite3`. */
  databaseClient: string;
  ingestion: {
    /** Events accepted and kept in the raw event log. */
    acceptedEvents: number;
    /** Events rejected and kept in the dead-letter store. */
    rejectedEvents: number;
    /** When the most recent event was accepted, as an ISO 8601 timestamp. */
    lastEventAt?: string;
    /** Accepted events on their way into endpoints, workflows and runs. */
    derivation: DerivationStatus;
  };
  /** How many endpoints, workflows and runs the service has derived. */
  counts: {
    endpoints: number;
    workflows: number;
    runs: number;
  };
};

/**
 * When the facts of an accepted event are applied: `background` (queued
 * and applied shortly after the request answers) or `inline` (in the
 * request, so reads see them once it answers).
 *
 * @public
 */
export type DerivationMode = 'background' | 'inline';

/**
 * The derivation queue, in the overview.
 *
 * @public
 */
export type DerivationStatus = {
  mode: DerivationMode;
  /** Accepted events not applied yet. */
  backlog: number;
  /**
   * Of the backlog, the events a replay queued: a replay's progress. They
   * do not count against ingestion's backlog limit.
   */
  replaying: number;
  /**
   * Events set aside because their derivation failed; listed, with the
   * error, by `GET /v1/derivation/failed`. A fix and a replay derive them.
   */
  failed: number;
  /** When the oldest waiting event was accepted, as ISO 8601. */
  oldestQueuedAt?: string;
  /** A replay clearing derived state or queuing the raw log, if any. */
  replay?: {
    /** ISO 8601. */
    startedAt: string;
    /** `clearing` derived state, then `queuing` the raw log. */
    phase: 'clearing' | 'queuing';
  };
};

/**
 * An accepted event set aside because deriving it failed (a derivation
 * bug, not bad input). It stays in the raw log; a replay after a fix
 * derives it again.
 *
 * @public
 */
export type FailedDerivation = {
  /** The raw event's id, as in `GET /v1/events`. */
  rawEventId: string;
  receivedAt: string;
  eventKind: string;
  eventType?: string;
  eventTime?: string;
  runId?: string;
  job?: { namespace: string; name: string };
  /** What derivation raised. */
  error: string;
  failedAt: string;
};

/**
 * What `POST /v1/admin/replay` did before it answered: derived state is
 * cleared and the raw log queued; the worker derives it after.
 *
 * @public
 */
export type ReplayResult = {
  /** Raw events queued to be derived again. */
  queued: number;
};

/**
 * A page of a list. Pass `nextCursor` back as `cursor` for the next page;
 * it is absent on the last page.
 *
 * @public
 */
export type Page<T> = {
  items: T[];
  nextCursor?: string;
};

/**
 * A reference to an endpoint or workflow: its stable, URL-safe id and its
 * OpenLineage identity.
 *
 * @public
 */
export type EntityReference = {
  id: string;
  namespace: string;
  name: string;
};

/**
 * One field of an endpoint's schema, with nested fields for structs.
 *
 * @public
 */
export type SchemaField = {
  name: string;
  type?: string;
  description?: string;
  fields?: SchemaField[];
};

/**
 * The partition one run produced of one endpoint.
 *
 * @public
 */
export type Partition = {
  endpointId: string;
  endpoint: EntityReference;
  /**
   * What identifies the slice: the subset facet's partition values, or the
   * nominal time window, or else the run id.
   */
  key: string;
  runId: string;
  workflow: EntityReference;
  nominalStartTime?: string;
  nominalEndTime?: string;
  /** When the run that produced it completed. */
  landedAt: string;
  rowCount?: number;
  bytes?: number;
  fileCount?: number;
};

/**
 * An endpoint (an OpenLineage dataset) in a list.
 *
 * @public
 */
export type EndpointSummary = EntityReference & {
  description?: string;
  /** The owner, from the ownership facet, e.g. `group:default/team-a`. */
  owner?: string;
  tags: string[];
  /** Fields in the current schema version, counting nested fields. */
  fieldCount: number;
  schemaVersion?: number;
  lastPartition?: { key: string; landedAt: string };
  createdAt: string;
  updatedAt: string;
};

/**
 * An endpoint with everything its page shows.
 *
 * @public
 */
export type EndpointDetail = EndpointSummary & {
  /** Other identities of the same endpoint, from the symlinks facet. */
  aliases: { namespace: string; name: string; type?: string }[];
  storage?: { storageLayer?: string; fileFormat?: string };
  dataSource?: { name?: string; uri?: string };
  schema?: {
    version: number;
    fields: SchemaField[];
    createdAt: string;
  };
  partitions: { count: number; latest?: Partition };
  /** Workflows whose latest completed run wrote this endpoint. */
  producers: EntityReference[];
  /** Workflows whose latest completed run read this endpoint. */
  consumers: EntityReference[];
};

/**
 * One version of an endpoint's schema. A new version is recorded only when
 * the fields change.
 *
 * @public
 */
export type SchemaVersion = {
  version: number;
  fieldCount: number;
  createdAt: string;
  /** The run whose event carried this version first, and its workflow. */
  runId?: string;
  workflowId?: string;
};

/**
 * One difference between two schema versions, at a dotted field path.
 *
 * @public
 */
export type SchemaChange = {
  path: string;
  change: 'added' | 'removed' | 'type-changed';
  fromType?: string;
  toType?: string;
  /** Removing a field or changing its type breaks readers; adding does not. */
  breaking: boolean;
};

/**
 * The answer of `GET /v1/endpoints/{id}/schema-diff`.
 *
 * @public
 */
export type SchemaDiff = {
  from: number;
  to: number;
  breaking: boolean;
  changes: SchemaChange[];
};

/**
 * The state of a run, derived from its events in whatever order they came.
 *
 * @public
 */
export type RunState = 'NEW' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED';

/**
 * A run in a list.
 *
 * @public
 */
export type RunSummary = {
  id: string;
  workflowId: string;
  state: RunState;
  nominalStartTime?: string;
  nominalEndTime?: string;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  errorMessage?: string;
  updatedAt: string;
};

/**
 * A run with its inputs, outputs, parent and the partitions it produced.
 *
 * @public
 */
export type RunDetail = RunSummary & {
  workflow: EntityReference;
  parentRun?: { id: string; workflow: EntityReference };
  inputs: EntityReference[];
  outputs: EntityReference[];
  partitions: Partition[];
  /** The run facets of the latest event, as sent. */
  facets: Record<string, unknown>;
};

/**
 * A workflow (an OpenLineage job) in a list.
 *
 * @public
 */
export type WorkflowSummary = EntityReference & {
  description?: string;
  owner?: string;
  tags: string[];
  jobType?: { processingType?: string; integration?: string; jobType?: string };
  latestRun?: RunSummary;
  createdAt: string;
  updatedAt: string;
};

/**
 * A workflow with everything its page shows.
 *
 * @public
 */
export type WorkflowDetail = WorkflowSummary & {
  sql?: { query: string; dialect?: string };
  sourceCodeLocation?: {
    type?: string;
    url?: string;
    repoUrl?: string;
    path?: string;
    version?: string;
    tag?: string;
    branch?: string;
  };
  parent?: { namespace: string; name: string; id: string };
  /** From the latest completed run, or the latest JobEvent. */
  inputs: EntityReference[];
  outputs: EntityReference[];
};

/**
 * An accepted event as kept in the raw log.
 *
 * @public
 */
export type RawEvent = {
  id: string;
  receivedAt: string;
  eventKind: 'run' | 'dataset' | 'job';
  eventType?: string;
  eventTime?: string;
  runId?: string;
  job?: { namespace: string; name: string };
  /** What was off in the event but accepted, e.g. a missing schemaURL. */
  lenientNotes: string[];
  event: unknown;
};

/**
 * A rejected event as kept in the dead-letter store.
 *
 * @public
 */
export type DeadLetter = {
  id: string;
  receivedAt: string;
  reason: string;
  jsonPath?: string;
  batchIndex?: number;
  /** The body as received, possibly not JSON. */
  payload: string;
};

/**
 * Why one event of a batch was not accepted.
 *
 * @public
 */
export type FailedEvent = {
  index: number;
  reason: string;
  jsonPath?: string;
  retriable: boolean;
};

/**
 * The answer of `POST /v1/lineage/batch`, the OpenLineage batch contract.
 *
 * @public
 */
export type BatchIngestionResult = {
  status: 'success' | 'partial_success';
  summary: {
    received: number;
    successful: number;
    failed: number;
    retriable: number;
    non_retriable: number;
  };
  failed_events: FailedEvent[];
};

/**
 * Filters of the endpoint and workflow lists.
 *
 * @public
 */
export type ListFilters = {
  /** Matches names, descriptions and (for endpoints) field names. */
  q?: string;
  namespace?: string;
  name?: string;
  owner?: string;
  tag?: string;
  limit?: number;
  cursor?: string;
};

/**
 * Filters of a workflow's runs.
 *
 * @public
 */
export type RunFilters = {
  state?: RunState;
  /** ISO 8601; runs whose nominal start (or start) is at or after it. */
  from?: string;
  /** ISO 8601; runs whose nominal start (or start) is before it. */
  to?: string;
  limit?: number;
  cursor?: string;
};
