import { CustomErrorBase } from '@backstage/errors';
import { Facts } from '../openlineage/facts';
import { EventIdentity } from './EventSource';
import { ReplayLock } from './ReplayStore';

/** An event that passed its source's validation, ready to be kept and applied. */
export type AcceptedEvent = EventIdentity & {
  /** SHA-256 of the event as received, canonicalized: the idempotency key. */
  hash: string;
  /** The kind of its {@link EventSource}, e.g. `openlineage`. */
  source: string;
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
  /** The kind of the {@link EventSource} it was sent to. */
  source: string;
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
  /**
   * Derives facts from the raw payload, by the event source it came
   * through; throws for one it cannot use.
   */
  derive(payload: string, source: string): Facts;
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

/** The derivation queue as the worker uses it (DerivationQueueStore). */
export interface DerivationQueue {
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
}
