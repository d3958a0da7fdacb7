import { LoggerService } from '@backstage/backend-plugin-api';
import { isTransient, withTransientRetry } from '../database/transientRetry';
import { Facts } from '../openlineage/facts';
import {
  DerivationFailedError,
  DerivationQueue,
  FactSource,
  QueuedEvent,
} from './types';

// How long after a small request ingestion counts as busy with them:
// longer than the gap between a producer's answer and its next request.
const BUSY_WINDOW_MS = 200;

/** How a {@link DerivationWorker} paces itself. */
export type DerivationWorkerOptions = {
  /** Events per derivation transaction. */
  batchSize: number;
  /**
   * Events per derivation transaction while small ingestion requests (of
   * fewer events than this) come in and fewer than `batchSize` events wait
   * (see {@link DerivationWorker.ingesting}). Deriving a batch holds the
   * event loop for a stretch that grows with its size: a request of a few
   * events, answered in a millisecond or two, would mostly wait it out,
   * while a large batch request takes about as long as a full batch
   * anyway. Small batches keep those answers prompt; large ones cost less
   * per event.
   */
  busyBatchSize: number;
  /** Derivation transactions in flight at once; 1 for SQLite. */
  concurrency: number;
  /**
   * How often the queue is checked without being told: for events other
   * instances queued, or left queued by a process that stopped.
   */
  pollIntervalMs: number;
  /** Events kept in memory between ingestion and derivation. */
  maxCachedEvents: number;
  /**
   * After a part batch, how long to let the queue fill before the next
   * claim: a transaction costs much the same for one event as for hundreds,
   * so a trickle of single events is applied in tens rather than ones.
   */
  lingerMs: number;
};

/**
 * Applies queued events in the background. Ingestion queues an event with
 * its raw copy and answers; this worker then claims queued events in
 * batches, applies their facts and removes them from the queue in one
 * transaction. Large batches cost far less per event than the requests'
 * own, and a burst of events waits in the queue instead of in requests.
 *
 * Facts ingestion already computed are handed over in memory (bounded);
 * the rest, e.g. after a restart or a replay, are derived again from the
 * raw log. An event whose derivation fails on its own is set aside with its
 * error, so it does not hold up the queue; `GET /v1/derivation/failed`
 * lists it and the health check counts it.
 */
export class DerivationWorker {
  private readonly cache = new Map<string, () => Facts>();
  private readonly source: FactSource;
  private running = 0;
  private pending = false;
  private started = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private readonly idle = new Set<() => void>();
  private estimate = 0;
  private replayEstimate = 0;
  private lastSmallRequestAt = -Infinity;

  constructor(
    private readonly store: DerivationQueue,
    private readonly logger: LoggerService,
    /** Facts from a raw payload and the source it came through. */
    derive: (payload: string, source: string) => Facts,
    private readonly options: DerivationWorkerOptions,
  ) {
    this.source = {
      cached: hash => {
        const facts = this.cache.get(hash);
        this.cache.delete(hash);
        return facts?.();
      },
      derive,
    };
  }

  /** Starts polling, and derives what an earlier process left queued. */
  start() {
    if (this.started || this.stopped) return;
    this.started = true;
    this.timer = setInterval(() => {
      this.refreshEstimate();
      this.notify();
    }, this.options.pollIntervalMs);
    this.timer.unref();
    this.refreshEstimate();
    this.notify();
  }

  /** Stops claiming; resolves once the transactions in flight are done. */
  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.whenIdle();
  }

  /** Whether loops must end and none may start. */
  private get halted() {
    return this.stopped;
  }

  /**
   * Keeps validated events about to be queued, so the worker need not read
   * and validate them again. Beyond the bound, the oldest are dropped.
   */
  remember(events: { hash: string; facts: () => Facts }[]) {
    for (const { hash, facts } of events) {
      this.cache.set(hash, facts);
      if (this.cache.size > this.options.maxCachedEvents) {
        this.cache.delete(this.cache.keys().next().value!);
      }
    }
  }

  /** Says that an ingestion request of `events` events came in. */
  ingesting(events: number) {
    if (events < this.options.busyBatchSize) {
      this.lastSmallRequestAt = performance.now();
    }
  }

  /**
   * The events to claim now: fewer while small requests are being
   * answered and the backlog is short, when answers matter more than the
   * cost per event; full batches once events pile up, since then only the
   * cost per event decides whether the worker keeps up.
   */
  private get claimSize(): number {
    const { batchSize, busyBatchSize } = this.options;
    const busy = performance.now() - this.lastSmallRequestAt < BUSY_WINDOW_MS;
    return busy && this.estimate < batchSize
      ? Math.min(batchSize, busyBatchSize)
      : batchSize;
  }

  /** Says that events were queued (`stored`) or turned out not to be. */
  queued(stored: number, notStored: Iterable<string> = []) {
    for (const hash of notStored) this.cache.delete(hash);
    this.estimate += stored;
    if (stored > 0) this.notify();
  }

  /** Says that a replay queued `count` raw events again. */
  requeued(count: number) {
    this.estimate += count;
    this.replayEstimate += count;
    if (count > 0) this.notify();
  }

  /**
   * Events ingestion queued that wait, as this process last saw the queue:
   * counted on every poll, and kept up with its own appends and
   * derivations between. Events a replay queued are not counted: the
   * backlog limit is there to slow producers down, who did not send them.
   */
  get backlog(): number {
    return Math.max(0, this.estimate - this.replayEstimate);
  }

  /**
   * Resolves when no derivation is in flight in this process, and none is
   * wanted or allowed.
   */
  whenIdle(): Promise<void> {
    if (this.running === 0 && (!this.pending || this.halted)) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.idle.add(resolve));
  }

  private notify() {
    // Until the backend has started, events wait in the queue.
    if (!this.started) return;
    this.pending = true;
    while (!this.halted && this.running < this.options.concurrency) {
      this.running++;
      this.loop()
        .catch(error =>
          this.logger.error('Derivation stopped on an error', error),
        )
        .finally(() => {
          this.running--;
          if (this.running === 0 && (!this.pending || this.halted)) {
            for (const resolve of this.idle) resolve();
            this.idle.clear();
          }
        });
      // One loop drains a trickle; more only pay off when there is a batch.
      if (this.estimate < this.claimSize) break;
    }
  }

  /** Claims batches until one comes back empty with nothing new queued. */
  private async loop() {
    while (!this.halted) {
      this.pending = false;
      const limit = this.claimSize;
      const derived = await this.deriveBatch(limit);
      if (derived === 0 && !this.pending) return;
      if (derived < limit && this.options.lingerMs > 0) {
        await new Promise(resolve =>
          setTimeout(resolve, this.options.lingerMs),
        );
      }
    }
  }

  private async deriveBatch(limit: number): Promise<number> {
    let derived: QueuedEvent[];
    try {
      derived = await withTransientRetry(
        () => this.store.deriveQueued({ limit }, this.source),
        this.logger,
      );
    } catch (error) {
      // Collisions that outlast the retries are tried again on the next
      // round, like a lost connection; only a failure of the facts
      // themselves is looked into event by event.
      if (!(error instanceof DerivationFailedError) || isTransient(error)) {
        throw error;
      }
      return await this.isolate(error.ids);
    }
    this.counted(derived.length, derived);
    return derived.length;
  }

  /** Derives a failed batch's events one by one, setting aside the bad. */
  private async isolate(ids: number[]): Promise<number> {
    let done = 0;
    const derived: QueuedEvent[] = [];
    for (const id of ids) {
      try {
        const events = await withTransientRetry(
          () => this.store.deriveQueued({ ids: [id] }, this.source),
          this.logger,
        );
        derived.push(...events);
        done += events.length;
      } catch (error) {
        // Only the event's own derivation sets it aside, not a lost
        // database or a collision with another transaction.
        if (!(error instanceof DerivationFailedError) || isTransient(error)) {
          throw error;
        }
        const cause = error.cause;
        const message = cause instanceof Error ? cause.message : String(cause);
        this.logger.error(
          `Could not derive raw event ${id}; it stays queued as failed: ${message}`,
        );
        await this.store.markDerivationFailed(id, message);
        done++;
      }
    }
    this.counted(done, derived);
    return done;
  }

  /** Takes events that left the queue off the estimates. */
  private counted(done: number, derived: QueuedEvent[]) {
    this.estimate = Math.max(0, this.estimate - done);
    const replayed = derived.filter(e => e.replayed).length;
    this.replayEstimate = Math.max(0, this.replayEstimate - replayed);
  }

  private refreshEstimate() {
    this.store.getDerivationBacklog().then(
      ({ backlog, replaying }) => {
        this.estimate = backlog;
        this.replayEstimate = replaying;
      },
      error =>
        this.logger.warn(`Could not count the derivation queue: ${error}`),
    );
  }
}
