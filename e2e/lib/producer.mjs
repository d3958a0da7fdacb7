// A pipeline runtime's HTTP transport, as far as delivery goes: it sends
// OpenLineage events one per request or in batches, keeps track of which
// the service acknowledged, and retries the rest as real producers do:
// after Retry-After on a 503, after a pause when the connection is refused
// or drops, which is what a restarting service looks like from outside.
import { setTimeout as pause } from 'node:timers/promises';

/**
 * What the producers of a run saw, per phase of the run (set `phase` as it
 * moves on): how many answers of each status, and how many requests got
 * none.
 */
export class Tally {
  phase = 'sending';
  /** @type {Map<string, Map<string, number>>} */
  phases = new Map();
  /** @param {string} outcome */
  add(outcome) {
    const counts = this.phases.get(this.phase) ?? new Map();
    this.phases.set(this.phase, counts);
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  /** How many times `outcome` was seen, in every phase. */
  total(/** @type {string} */ outcome) {
    let sum = 0;
    for (const counts of this.phases.values()) sum += counts.get(outcome) ?? 0;
    return sum;
  }
  toString() {
    return [...this.phases]
      .map(
        ([phase, counts]) =>
          `${phase}: ${[...counts]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([outcome, count]) => `${count}× ${outcome}`)
            .join(', ')}`,
      )
      .join('; ');
  }
}

/**
 * Sends `events` (JSON texts) to the ingestion routes under `url`, in order,
 * `batchSize` per request (1: one event per `POST /v1/lineage`, else
 * `POST /v1/lineage/batch`), until every one is acknowledged or rejected.
 * `onAck` is called with each acknowledged event's index as soon as its
 * answer arrives.
 *
 * A 503, another 5xx or no answer at all is retried. Any other status
 * throws, a 404 included: an OpenLineage client drops an event on a 404,
 * and while the backend starts the startup gate answers 503 instead. The
 * test's producers send nothing the service should refuse. Aborting
 * `signal` stops the retries: a producer retries for as long as the
 * service is away, and a test that failed must not wait for it forever.
 *
 * @param {{
 *   url: string,
 *   token: string,
 *   events: string[],
 *   batchSize: number,
 *   tally: Tally,
 *   onAck: (index: number) => void,
 *   signal: AbortSignal,
 * }} options
 * @returns {Promise<{ rejected: { index: number, reason: string }[] }>}
 */
export async function produce({
  url,
  token,
  events,
  batchSize,
  tally,
  onAck,
  signal,
}) {
  const single = batchSize === 1;
  const route = `${url}/v1/lineage${single ? '' : '/batch'}`;
  const rejected = [];
  for (let start = 0; start < events.length; start += batchSize) {
    let pending = events
      .slice(start, start + batchSize)
      .map((text, i) => ({ index: start + i, text }));
    while (pending.length) {
      signal.throwIfAborted();
      let res;
      let body;
      // An answer cut off in its body is no answer either.
      try {
        res = await fetch(route, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${token}`,
          },
          body: single
            ? pending[0].text
            : `[${pending.map(e => e.text).join(',')}]`,
          signal,
        });
        body = await res.text();
      } catch {
        tally.add('no answer');
        await pause(200, undefined, { signal });
        continue;
      }
      tally.add(String(res.status));
      if (res.status === 201 || res.status === 200) {
        pending.forEach(e => onAck(e.index));
        pending = [];
      } else if (res.status === 207) {
        const failed = new Map(
          JSON.parse(body).failed_events.map(f => [f.index, f]),
        );
        const retry = [];
        pending.forEach((e, i) => {
          const failure = failed.get(i);
          if (!failure) onAck(e.index);
          else if (failure.retriable) retry.push(e);
          else rejected.push({ index: e.index, reason: failure.reason });
        });
        pending = retry;
      } else if (res.status === 400 && single) {
        rejected.push({ index: pending[0].index, reason: body });
        pending = [];
      } else if (res.status >= 500) {
        const retryAfter = Number(res.headers.get('retry-after'));
        await pause(retryAfter > 0 ? retryAfter * 1000 : 200, undefined, {
          signal,
        });
      } else {
        throw new Error(`POST ${route}: ${res.status} ${body}`);
      }
    }
  }
  return { rejected };
}
