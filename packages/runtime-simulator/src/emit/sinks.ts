import { ResponseError } from '@backstage/errors';
import { createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { RunEvent } from '../openlineage/types';

/** Where simulated events go: the metadata service or a file. */
export interface LineageSink {
  send(events: RunEvent[]): Promise<void>;
  close(): Promise<void>;
  readonly stats: SinkStats;
}

export type SinkStats = {
  sent: number;
  accepted: number;
  rejected: number;
  bytes: number;
  /** The first rejection reasons the service gave, for the log. */
  reasons: string[];
  /** Requests sent again after the service's backpressure (503, Retry-After). */
  throttled: number;
};

/** Counters of a sink that has sent nothing yet, for a new {@link LineageSink}. */
export const emptySinkStats = (): SinkStats => ({
  sent: 0,
  accepted: 0,
  rejected: 0,
  bytes: 0,
  reasons: [],
  throttled: 0,
});

type BatchAnswer = {
  summary?: { successful?: number; failed?: number };
  failed_events?: { index: number; reason: string }[];
};

/**
 * Sends events to the metadata service's batch endpoint, as a pipeline
 * runtime does: `POST {serviceUrl}/v1/lineage/batch` with a bearer token,
 * at most `batchSize` (the service's limit, 500) events per request.
 */
export class HttpBatchSink implements LineageSink {
  readonly stats = emptySinkStats();
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly inFlight = new Set<Promise<void>>();
  private failure?: unknown;

  constructor(
    private readonly options: {
      /** The data-platform plugin's base URL, e.g. http://localhost:7007/api/data-platform. */
      serviceUrl: string;
      /** A static token, or a function for tokens that expire. */
      token: string | (() => Promise<string>);
      batchSize?: number;
      /**
       * Requests in flight at once. Above 1, `send` returns once its last
       * batch is under way and `close` waits for the rest; the service does
       * not depend on the order batches arrive in.
       */
      concurrency?: number;
      /**
       * How long one batch may wait out the service's backpressure (503
       * with Retry-After) in all, in ms; default 10 minutes.
       */
      maxBackpressureWaitMs?: number;
      fetch?: typeof fetch;
    },
  ) {
    this.batchSize = Math.min(500, options.batchSize ?? 500);
    this.concurrency = Math.max(1, options.concurrency ?? 1);
  }

  async send(events: RunEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += this.batchSize) {
      while (this.inFlight.size >= this.concurrency) {
        await Promise.race(this.inFlight);
      }
      this.throwIfFailed();
      // Failures are kept and rethrown by the next send or close: a batch
      // that fails while nobody awaits it must not become an unhandled
      // rejection.
      const request: Promise<void> = this.post(
        events.slice(i, i + this.batchSize),
      )
        .catch(error => {
          this.failure ??= error;
        })
        .finally(() => this.inFlight.delete(request));
      this.inFlight.add(request);
    }
    if (this.concurrency === 1) await this.drain();
  }

  async close(): Promise<void> {
    await this.drain();
  }

  private async drain() {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  private throwIfFailed() {
    if (this.failure !== undefined) throw this.failure;
  }

  private async post(batch: RunEvent[]) {
    const token =
      typeof this.options.token === 'string'
        ? this.options.token
        : await this.options.token();
    const body = JSON.stringify(batch);
    const doFetch = this.options.fetch ?? fetch;
    const url = `${this.options.serviceUrl.replace(
      /\/$/,
      '',
    )}/v1/lineage/batch`;
    let response: Response | undefined;
    // A restarting service refuses connections for a moment; a runtime
    // retries rather than losing the batch. A 503 with Retry-After is the
    // service's backpressure (its derivation queue is full, nothing was
    // stored): waited out as it asks, for up to `maxBackpressureWait`.
    const giveUpAt =
      Date.now() + (this.options.maxBackpressureWaitMs ?? 600_000);
    for (let attempt = 1; ; attempt++) {
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${token}`,
          },
          body,
        });
        const retryAfter = Number(response.headers.get('Retry-After'));
        if (
          response.status === 503 &&
          response.headers.has('Retry-After') &&
          Number.isFinite(retryAfter) &&
          Date.now() + retryAfter * 1000 <= giveUpAt
        ) {
          this.stats.throttled++;
          attempt = 0;
          await new Promise(r => setTimeout(r, retryAfter * 1000));
          continue;
        }
        if (response.status < 500 || attempt >= 3) break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
      await new Promise(r => setTimeout(r, 500 * attempt));
    }
    if (!response!.ok) {
      throw await ResponseError.fromResponse(response!);
    }
    const answer = (await response!.json()) as BatchAnswer;
    this.stats.sent += batch.length;
    this.stats.bytes += Buffer.byteLength(body);
    this.stats.accepted += answer.summary?.successful ?? 0;
    this.stats.rejected += answer.summary?.failed ?? 0;
    for (const failure of answer.failed_events ?? []) {
      if (this.stats.reasons.length < 10) {
        this.stats.reasons.push(`event ${failure.index}: ${failure.reason}`);
      }
    }
  }
}

/** Writes events as newline-delimited JSON, one event per line. */
export class NdjsonFileSink implements LineageSink {
  readonly stats = emptySinkStats();
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  async send(events: RunEvent[]): Promise<void> {
    let chunk = '';
    for (const event of events) chunk += `${JSON.stringify(event)}\n`;
    this.stats.sent += events.length;
    this.stats.accepted += events.length;
    this.stats.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
