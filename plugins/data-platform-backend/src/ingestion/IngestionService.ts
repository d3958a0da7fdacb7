import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  BatchIngestionResult,
  DerivationMode,
  FailedEvent,
} from '@data-platform/plugin-data-platform-common';
import { withTransientRetry } from '../database/transientRetry';
import { DerivationWorker } from '../eventlog/DerivationWorker';
import { EventLogStore } from '../eventlog/EventLogStore';
import { EventSource } from '../eventlog/EventSource';
import { AcceptedEvent, RejectedEvent } from '../eventlog/types';
import { eventHash } from './eventHash';
import { DEFAULT_MAX_DEPTH, stringifyToDepth, tooDeepAt } from './jsonDepth';
import { WriteCoalescer } from './WriteCoalescer';

/** What the service keeps events in (the event log's store). */
export type IngestionLog = Pick<
  EventLogStore,
  'databaseClient' | 'ingest' | 'append' | 'addDeadLetters'
>;

/** The default of `dataPlatform.ingestion.derivation.maxBacklog`. */
export const DEFAULT_MAX_BACKLOG = 200_000;

/**
 * Ingestion refuses events while the derivation queue is this long; the
 * client is told to retry after `retryAfterSeconds`.
 */
export class IngestionBackpressureError extends ServiceUnavailableError {
  readonly retryAfterSeconds = 5;
}

/**
 * How long a batch is validated between yields to the event loop, so a
 * batch of thousands does not hold up the answers to other requests while
 * it is checked. By time, not by a count of events: every yield also lets
 * the derivation worker take a turn, and yielding every few events made
 * a 500-event request wait out several of those turns (a third fewer
 * batch events accepted per second in bench:ingest).
 */
const SLICE_MS = 20;

const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

/** The verdict on a single event. */
export type IngestionOutcome =
  | { ok: true; notes: string[] }
  | { ok: false; reason: string; jsonPath: string };

/**
 * Takes the events of one event source (OpenLineage) from the HTTP layer:
 * validates them, keeps the accepted ones raw, and keeps the rejected ones
 * with their reason. Nothing a client sends is dropped silently.
 *
 * What accepted events say is applied in one of two ways (`mode`). In the
 * background, the default, an event is queued with its raw copy and the
 * request answers; the derivation worker applies it shortly after, so
 * requests cost little and a burst waits in the queue, which is bounded by
 * `maxBacklog`. Inline, it is applied in the request's own transaction, so
 * reads see it as soon as the request answers.
 */
export class IngestionService {
  private readonly store: IngestionLog;
  private readonly source: EventSource;
  private readonly logger: LoggerService;
  private readonly writer: WriteCoalescer<AcceptedEvent>;
  readonly mode: DerivationMode;
  private readonly worker: DerivationWorker;
  private readonly maxBacklog: number;
  private readonly maxDepth: number;

  constructor(options: {
    log: IngestionLog;
    source: EventSource;
    /**
     * The derivation worker, which this service hands what it validated
     * and tells of what it queued. Inline, it derives only what a replay
     * queues.
     */
    worker: DerivationWorker;
    logger: LoggerService;
    /** How deeply an event may nest (see `tooDeepAt`). */
    maxDepth?: number;
    mode?: DerivationMode;
    /** Queued events beyond which ingestion answers 503. */
    maxBacklog?: number;
  }) {
    this.store = options.log;
    this.source = options.source;
    this.worker = options.worker;
    this.logger = options.logger;
    const pg = this.store.databaseClient === 'pg';
    this.mode = options.mode ?? 'background';
    this.maxBacklog = options.maxBacklog ?? DEFAULT_MAX_BACKLOG;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.writer = new WriteCoalescer(
      events => withTransientRetry(() => this.write(events), this.logger),
      {
        maxItems: 1000,
        // SQLite has a single writer; PostgreSQL overlaps a couple of
        // transactions so one's round trips hide behind the other's work.
        maxConcurrency: pg ? 2 : 1,
      },
    );
  }

  private async write(events: AcceptedEvent[]) {
    if (this.mode === 'inline') {
      await this.store.ingest(events);
      return;
    }
    this.worker.remember(events);
    let stored = new Set<string>();
    try {
      stored = await this.store.append(events);
    } finally {
      this.worker.queued(
        stored.size,
        events.filter(e => !stored.has(e.hash)).map(e => e.hash),
      );
    }
  }

  /**
   * Refuses a request while the derivation queue is full, before anything
   * is stored, so a producer's retry brings the events back once it drains.
   * The router asks before it reads the body, too.
   */
  admit() {
    if (this.worker.backlog >= this.maxBacklog) {
      throw new IngestionBackpressureError(
        `${this.worker.backlog} events are waiting to be derived (dataPlatform.ingestion.derivation.maxBacklog is ${this.maxBacklog}); retry later`,
      );
    }
  }

  /** One event; `payload` is the body as received, kept verbatim. */
  ingestOne(event: unknown, payload: string): Promise<IngestionOutcome> {
    // Validated before this returns: one event is too little work to
    // slice, and the caller need not hold it while the write is awaited.
    try {
      this.admit();
      this.worker.ingesting(1);
      return this.writeOne(this.check(event, payload));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private async writeOne(
    verdict: AcceptedEvent | RejectedEvent,
  ): Promise<IngestionOutcome> {
    if ('reason' in verdict) {
      await this.store.addDeadLetters([verdict]);
      return { ok: false, reason: verdict.reason, jsonPath: verdict.jsonPath! };
    }
    await this.writer.add([verdict]);
    return { ok: true, notes: verdict.notes };
  }

  /**
   * A batch: the good events are kept even when others are rejected. The
   * events are validated in slices that yield to the event loop, and not
   * referenced once the write starts.
   */
  ingestBatch(events: unknown[]): Promise<BatchIngestionResult> {
    try {
      this.admit();
      this.worker.ingesting(events.length);
      const received = events.length;
      return this.classify(events).then(verdicts =>
        this.writeBatch(received, verdicts),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private async classify(events: unknown[]) {
    const accepted: AcceptedEvent[] = [];
    const rejected: RejectedEvent[] = [];
    const failed: FailedEvent[] = [];
    let sliceStart = performance.now();
    for (let index = 0; index < events.length; index++) {
      if (performance.now() - sliceStart >= SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
      const verdict = this.check(events[index]);
      if ('reason' in verdict) {
        rejected.push({ ...verdict, batchIndex: index });
        failed.push({
          index,
          reason: verdict.reason,
          jsonPath: verdict.jsonPath,
          retriable: false,
        });
      } else {
        accepted.push(verdict);
      }
    }
    return { accepted, rejected, failed };
  }

  private async writeBatch(
    received: number,
    {
      accepted,
      rejected,
      failed,
    }: Awaited<ReturnType<IngestionService['classify']>>,
  ): Promise<BatchIngestionResult> {
    await Promise.all([
      this.writer.add(accepted),
      this.store.addDeadLetters(rejected),
    ]);
    return {
      status: failed.length ? 'partial_success' : 'success',
      summary: {
        received,
        successful: accepted.length,
        failed: failed.length,
        retriable: 0,
        non_retriable: failed.length,
      },
      failed_events: failed,
    };
  }

  /** Keeps a body that could not be read as events at all. */
  async rejectBody(reason: string, jsonPath: string, payload: string) {
    await this.store.addDeadLetters([
      { source: this.source.kind, reason, jsonPath, payload },
    ]);
  }

  /**
   * @param payload - what to keep in the raw log or dead letters: the body
   *   as received for a single event; for a batch item, unset: the item
   *   serialized.
   */
  private check(
    event: unknown,
    payload?: string,
  ): AcceptedEvent | RejectedEvent {
    // Before anything that recurses into the event.
    const tooDeep = tooDeepAt(event, this.maxDepth);
    if (tooDeep) {
      // A batch item too deep to serialize is kept cut at the limit.
      const kept =
        payload === undefined
          ? '; the dead letter keeps the event down to that depth'
          : '';
      return {
        source: this.source.kind,
        reason: `${tooDeep} is nested deeper than ${this.maxDepth} levels (dataPlatform.ingestion.maxDepth)${kept}`,
        jsonPath: tooDeep,
        payload: payload ?? stringifyToDepth(event, this.maxDepth),
      };
    }
    // Serialized before validation fixes anything in place.
    const serialized = JSON.stringify(event) ?? 'null';
    const kept = payload ?? serialized;
    const source = this.source.kind;
    const result = this.source.accept(event);
    if (!result.ok) {
      return {
        source,
        reason: result.reason,
        jsonPath: result.jsonPath,
        payload: kept,
      };
    }
    return {
      ...result.identity,
      hash: eventHash(serialized),
      source,
      notes: result.notes,
      payload: kept,
      facts: result.facts,
    };
  }
}
