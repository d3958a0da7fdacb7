import { CustomErrorBase } from '@backstage/errors';
import {
  DeadLetter,
  EndpointDetail,
  EndpointSummary,
  FailedDerivation,
  ListFilters,
  Page,
  Partition,
  RawEvent,
  RunDetail,
  RunFilters,
  RunSummary,
  SchemaField,
  SchemaVersion,
  WorkflowDetail,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import { Facts } from '../derivation/facts';
import { EventKind } from '../ingestion/types';
import { ReplayLock } from './ReplayStore';

/** An event that passed validation, ready to be kept and applied. */
export type AcceptedEvent = {
  /** SHA-256 of the event as received, canonicalized: the idempotency key. */
  hash: string;
  kind: EventKind;
  eventType?: string;
  eventTime: Date;
  runId?: string;
  job?: { namespace: string; name: string };
  producer?: string;
  notes: string[];
  /** The event as received, serialized. */
  payload: string;
  /**
   * Derives what the event says. Deferred: in background mode the worker
   * calls it, off the request.
   */
  facts: () => Facts;
};

/** An event that failed validation, for the dead-letter store. */
export type RejectedEvent = {
  reason: string;
  jsonPath?: string;
  batchIndex?: number;
  payload: string;
};

/** An event in the derivation queue, as a worker claims it. */
export type QueuedEvent = {
  id: number;
  hash: string;
  /** Queued by a replay rather than by ingestion. */
  replayed?: boolean;
};

/** Where an event's facts come from when a worker derives it. */
export type FactSource = {
  /** The event's facts from what ingestion kept in memory, if it still does. */
  cached(hash: string): Facts | undefined;
  /** Derives facts from the raw payload; throws for one it cannot use. */
  derive(payload: string): Facts;
};

/**
 * A derivation transaction failed and rolled back, so its events are still
 * queued; `ids` says which they were. `code` is the database's, if any.
 */
export class DerivationFailedError extends CustomErrorBase {
  readonly code?: string;
  constructor(readonly ids: number[], cause: unknown) {
    super(`Deriving ${ids.length} queued events failed`, cause);
    this.code = (cause as { code?: string } | undefined)?.code;
  }
}

/** The derivation queue at a glance. */
export type DerivationBacklog = {
  /** Events waiting to be derived. */
  backlog: number;
  /** Of the backlog, the events a replay queued. */
  replaying: number;
  /** Events whose derivation failed; they wait for a fix and a replay. */
  failed: number;
  oldestQueuedAt?: Date;
  /** The replay clearing derived state or queuing the raw log, if any. */
  replay?: ReplayLock;
};

/** Counters for the overview. */
export type StoreCounts = {
  acceptedEvents: number;
  rejectedEvents: number;
  lastEventAt?: Date;
  endpoints: number;
  workflows: number;
  runs: number;
};

/**
 * Where the metadata service keeps what it ingests and derives. The router
 * and services depend on this interface, not on knex.
 */
export interface MetadataStore {
  /** The database engine behind the store, e.g. `pg` or `better-sqlite3`. */
  readonly databaseClient: string;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  getCounts(): Promise<StoreCounts>;

  /**
   * Keeps accepted events in the raw log and applies their facts, all in one
   * transaction; a redelivered event is kept once.
   */
  ingest(accepted: AcceptedEvent[]): Promise<void>;
  /**
   * Keeps accepted events in the raw log and queues them for derivation, in
   * one transaction. Returns the hashes of the events stored by this call;
   * a redelivered event is kept, and queued, once.
   */
  append(accepted: AcceptedEvent[]): Promise<Set<string>>;
  /**
   * Claims queued events (the `limit` oldest, or the given ones), applies
   * their facts and removes them from the queue, all in one transaction.
   * Events another transaction holds are skipped. Returns those derived;
   * none when nothing was left to claim.
   */
  deriveQueued(
    claim: { limit: number } | { ids: number[] },
    facts: FactSource,
  ): Promise<QueuedEvent[]>;
  /** Sets a queued event aside with the error its derivation raised. */
  markDerivationFailed(id: number, error: string): Promise<void>;
  getDerivationBacklog(): Promise<DerivationBacklog>;
  /** The events set aside because their derivation failed, newest first. */
  listFailedDerivations(filters: {
    limit?: number;
    cursor?: string;
  }): Promise<Page<FailedDerivation>>;
  /** Keeps rejected events, with their reasons, in the dead-letter store. */
  addDeadLetters(rejected: RejectedEvent[]): Promise<void>;
  /**
   * Deletes raw events received before the given time, except those still
   * queued for derivation; returns how many.
   */
  deleteRawEventsBefore(time: Date): Promise<number>;

  listEndpoints(filters: ListFilters): Promise<Page<EndpointSummary>>;
  getEndpoint(id: string): Promise<EndpointDetail | undefined>;
  listSchemaVersions(endpointId: string): Promise<SchemaVersion[]>;
  getSchemaVersionFields(
    endpointId: string,
    version: number,
  ): Promise<SchemaField[] | undefined>;
  listPartitions(
    endpointId: string,
    filters: { from?: Date; to?: Date; limit?: number; cursor?: string },
  ): Promise<Page<Partition>>;

  listWorkflows(filters: ListFilters): Promise<Page<WorkflowSummary>>;
  getWorkflow(id: string): Promise<WorkflowDetail | undefined>;
  listRuns(workflowId: string, filters: RunFilters): Promise<Page<RunSummary>>;
  getRun(runId: string): Promise<RunDetail | undefined>;

  listRawEvents(filters: {
    runId?: string;
    namespace?: string;
    name?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<RawEvent>>;
  listDeadLetters(filters: {
    limit?: number;
    cursor?: string;
  }): Promise<Page<DeadLetter>>;
}
