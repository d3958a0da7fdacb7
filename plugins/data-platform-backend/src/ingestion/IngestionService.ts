import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BatchIngestionResult,
  FailedEvent,
} from '@data-platform/plugin-data-platform-common';
import { deriveFacts } from '../derivation/deriveFacts';
import {
  AcceptedEvent,
  MetadataStore,
  RejectedEvent,
} from '../store/MetadataStore';
import { eventHash } from './eventHash';
import { OpenLineageValidator } from './OpenLineageValidator';
import { WriteCoalescer } from './WriteCoalescer';

/** The verdict on a single event. */
export type IngestionOutcome =
  | { ok: true; notes: string[] }
  | { ok: false; reason: string; jsonPath: string };

const RETRIES = 3;

/**
 * Takes OpenLineage events from the HTTP layer: validates them, keeps the
 * accepted ones raw and applies what they say, and keeps the rejected ones
 * with their reason. Nothing a client sends is dropped silently.
 */
export class IngestionService {
  private readonly store: MetadataStore;
  private readonly validator: OpenLineageValidator;
  private readonly logger: LoggerService;
  private readonly writer: WriteCoalescer<AcceptedEvent>;

  constructor(options: {
    store: MetadataStore;
    validator: OpenLineageValidator;
    logger: LoggerService;
  }) {
    this.store = options.store;
    this.validator = options.validator;
    this.logger = options.logger;
    this.writer = new WriteCoalescer(
      events => this.withRetry(() => this.store.ingest(events)),
      {
        maxItems: 1000,
        // SQLite has a single writer; PostgreSQL overlaps a couple of
        // transactions so one's round trips hide behind the other's work.
        maxConcurrency: this.store.databaseClient === 'pg' ? 2 : 1,
      },
    );
  }

  /** One event; `payload` is the body as received, kept verbatim. */
  ingestOne(event: unknown, payload: string): Promise<IngestionOutcome> {
    // Validated before this returns, like a batch (see ingestBatch).
    try {
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
   * events are validated before this returns, and not referenced after.
   */
  ingestBatch(events: unknown[]): Promise<BatchIngestionResult> {
    try {
      return this.writeBatch(events.length, this.classify(events));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private classify(events: unknown[]) {
    const accepted: AcceptedEvent[] = [];
    const rejected: RejectedEvent[] = [];
    const failed: FailedEvent[] = [];
    events.forEach((event, index) => {
      const serialized = JSON.stringify(event) ?? 'null';
      const verdict = this.check(event, serialized, serialized);
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
    });
    return { accepted, rejected, failed };
  }

  private async writeBatch(
    received: number,
    { accepted, rejected, failed }: ReturnType<IngestionService['classify']>,
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
    await this.store.addDeadLetters([{ reason, jsonPath, payload }]);
  }

  /** Re-derives everything from the raw log, e.g. after a derivation fix. */
  async replay(): Promise<number> {
    const count = await this.store.replay(payload => {
      let event: unknown;
      try {
        event = JSON.parse(payload);
      } catch {
        return undefined;
      }
      const result = this.validator.validate(event, { inPlace: true });
      return result.ok ? deriveFacts(result.event) : undefined;
    });
    this.logger.info(`Replayed ${count} raw events`);
    return count;
  }

  /**
   * @param payload - what to keep in the raw log or dead letters: the body
   *   as received for a single event, the serialized item for a batch.
   */
  private check(
    event: unknown,
    payload: string,
    // Serialized before validation fixes anything in place.
    serialized = JSON.stringify(event) ?? 'null',
  ): AcceptedEvent | RejectedEvent {
    const result = this.validator.validate(event, { inPlace: true });
    if (!result.ok) {
      return { reason: result.reason, jsonPath: result.jsonPath, payload };
    }
    const e = result.event;
    return {
      hash: eventHash(serialized),
      kind: result.kind,
      eventType: e.eventType,
      eventTime: new Date(e.eventTime),
      runId: e.run?.runId,
      job: e.job && { namespace: e.job.namespace, name: e.job.name },
      producer: e.producer,
      notes: result.notes,
      payload,
      facts: deriveFacts(e),
    };
  }

  /**
   * Concurrent batches touching the same rows can still collide on
   * PostgreSQL (a unique insert racing another); the transaction is safe to
   * run again, so it is, a few times.
   */
  private async withRetry(fn: () => Promise<void>) {
    for (let attempt = 1; ; attempt++) {
      try {
        await fn();
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        const transient =
          code === '40P01' || code === '40001' || code === '23505';
        if (!transient || attempt >= RETRIES) throw error;
        this.logger.debug(`Retrying ingestion after ${code}`);
      }
    }
  }
}
