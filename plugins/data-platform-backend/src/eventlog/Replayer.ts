import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { ReplayStore } from './ReplayStore';
import { withTransientRetry } from '../database/transientRetry';

/** Rows one statement of a replay deletes or queues, by default. */
const CHUNK_SIZE = 5000;

/**
 * Rebuilds everything derived from the raw log, e.g. after a fix to the
 * derivation: clears the derived tables and queues the whole raw log again,
 * chunk by chunk, for the derivation worker. Workers then derive it in
 * their usual batches (on PostgreSQL, on every instance), and set aside an
 * event whose derivation fails, as they do any other: one bad event cannot
 * fail the replay, and no statement holds the database for long.
 *
 * One replay at a time, across instances: the lock is a database row,
 * renewed after every chunk, which the next replay takes over once its
 * owner has stopped renewing it.
 */
export class Replayer {
  constructor(
    private readonly store: ReplayStore,
    private readonly logger: LoggerService,
    /** Told how many events each chunk queued, to wake the worker. */
    private readonly onQueued: (count: number) => void = () => {},
    private readonly chunkSize = CHUNK_SIZE,
  ) {}

  /**
   * Clears and queues; resolves with how many raw events were queued, to
   * be derived after. Throws a ConflictError while another replay clears
   * or queues.
   */
  async replay(): Promise<{ queued: number }> {
    const owner = randomUUID();
    const lock = await this.store.acquire(owner);
    if (!lock.acquired) {
      throw new ConflictError(
        `A replay started at ${lock.lock.startedAt.toISOString()} is still ${
          lock.lock.clearing ? 'clearing derived state' : 'queuing the raw log'
        }; try again once it has (GET /v1/derivation shows its progress)`,
      );
    }
    try {
      await this.step(() => this.store.awaitDerivationsInFlight());
      let cleared = 0;
      for (;;) {
        const deleted = await this.step(() =>
          this.store.clearDerived(this.chunkSize),
        );
        if (deleted === 0) break;
        cleared += deleted;
        await this.beat(owner, true);
      }
      await this.beat(owner, false);
      // Events accepted from now on are queued by ingestion itself.
      const upTo = await this.store.lastRawEventId();
      let queued = 0;
      for (let after = 0; ; ) {
        const chunk = await this.step(() =>
          this.store.requeue(after, upTo, this.chunkSize),
        );
        if (chunk.count === 0) break;
        after = chunk.last;
        queued += chunk.count;
        this.onQueued(chunk.count);
        await this.beat(owner, false);
      }
      this.logger.info(
        `Replay cleared ${cleared} derived rows and queued ${queued} raw events`,
      );
      return { queued };
    } finally {
      await this.store.release(owner);
    }
  }

  private step<T>(fn: () => Promise<T>): Promise<T> {
    return withTransientRetry(fn, this.logger);
  }

  private async beat(owner: string, clearing: boolean) {
    if (!(await this.store.heartbeat(owner, clearing))) {
      throw new Error(
        'The replay stopped: another replay took it over after it had not reported progress for too long',
      );
    }
  }
}
