/**
 * Group commit for ingestion. Requests that arrive while a write is in
 * flight are queued and written together in the next transaction, so many
 * concurrent single-event requests cost a few transactions instead of one
 * each, while a lone request is written at once with no added delay.
 *
 * A request's items stay together in one transaction. When a combined write
 * fails, each request is retried on its own, so one bad request cannot fail
 * the others it happened to share a transaction with.
 */
export class WriteCoalescer<T> {
  private readonly queue: {
    items: T[];
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: {
      /** Items per transaction, unless one request alone has more. */
      maxItems: number;
      /** Transactions in flight at once; 1 for SQLite's single writer. */
      maxConcurrency: number;
    },
  ) {}

  /** Resolves once the items are committed. */
  add(items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.options.maxConcurrency && this.queue.length) {
      const requests = [this.queue.shift()!];
      let count = requests[0].items.length;
      while (
        this.queue.length &&
        count + this.queue[0].items.length <= this.options.maxItems
      ) {
        const next = this.queue.shift()!;
        count += next.items.length;
        requests.push(next);
      }
      this.inFlight++;
      this.flush(requests).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(requests: typeof this.queue) {
    try {
      await this.write(requests.flatMap(r => r.items));
      requests.forEach(r => r.resolve());
    } catch (error) {
      if (requests.length === 1) {
        requests[0].reject(error);
        return;
      }
      for (const request of requests) {
        await this.write(request.items).then(request.resolve, request.reject);
      }
    }
  }
}
