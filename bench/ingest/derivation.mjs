// @ts-check
// Whether the service has derived what it accepted. A service may answer
// once an event is validated and kept in the raw log, and derive endpoints,
// workflows, runs and lineage from it in the background; a phase is over
// only when that is done, or its throughput and its CPU per event would
// leave the deferred work out.

/** @typedef {ReturnType<typeof import('../lib/http.mjs').createClient>} Client */

export const DERIVATION_PATH = '/api/data-platform/v1/derivation';
export const OVERVIEW_PATH = '/api/data-platform/v1/overview';
/** How often the derivation state is asked at most, in ms. */
export const POLL_MS = 50;
// With derivation failures, how long a backlog that does not shrink is
// waited for before the phase counts as not drained: failed events might
// never leave it.
const STUCK_MS = 10_000;

/**
 * The service's derivation state (`GET /v1/derivation`). A service that derives
 * inline need not report it (nothing is ever pending there), and a missing
 * `ingestion.derivation` reads as nothing pending.
 *
 * @param {Client} client
 * @returns {Promise<{ mode?: string, backlog: number, failed: number, oldestQueuedAt?: string }>}
 */
export async function readDerivation(client) {
  // The queue alone is cheap to read; a service without that route (one
  // from before it, e.g. a baseline) says what it has in its overview.
  const queue = await client.get(DERIVATION_PATH);
  const res = queue.status === 404 ? await client.get(OVERVIEW_PATH) : queue;
  if (res.status !== 200) {
    throw new Error(`GET derivation state: ${res.status} ${res.body}`);
  }
  const body = JSON.parse(res.body);
  const derivation = res === queue ? body : body.ingestion?.derivation;
  return {
    mode: derivation?.mode,
    backlog: Number(derivation?.backlog ?? 0),
    failed: Number(derivation?.failed ?? 0),
    oldestQueuedAt: derivation?.oldestQueuedAt,
  };
}

/**
 * Waits until the service has derived every event it accepted, polling the
 * derivation state, until `deadline` at the latest. The backlog reached 0 between
 * the read of the last poll that saw events pending and the read of the
 * first that saw none; the moment the latter was sent lies in between and
 * is returned as `drainedAt` (performance.now()), so it is off by at most
 * the polling interval plus one poll's answer time. With nothing pending
 * at the first poll, sent right after the phase's last answer, that is the
 * answer's moment.
 *
 * @param {Client} client
 * @param {{ deadline: number, failedBefore: number, aborted: () => boolean }} o
 *   epoch ms to give up at; the service's count of derivation failures
 *   before the phase
 */
export async function waitForDerivation(client, o) {
  let polls = 0;
  let pollMs = 0;
  /** @type {Awaited<ReturnType<typeof readDerivation>> | undefined} */
  let first;
  let progressAt = Date.now();
  let lowest = Infinity;
  for (;;) {
    const sentAt = performance.now();
    const state = await readDerivation(client);
    const ms = performance.now() - sentAt;
    polls++;
    pollMs += ms;
    first ??= state;
    const result = {
      mode: state.mode,
      backlogAtAnswer: first.backlog,
      oldestQueuedAtAnswer: first.oldestQueuedAt,
      backlog: state.backlog,
      failed: state.failed,
      failedInPhase: state.failed - o.failedBefore,
      polls,
      pollMs: pollMs / polls,
    };
    if (state.backlog === 0) return { ...result, drainedAt: sentAt };
    if (state.backlog < lowest) {
      lowest = state.backlog;
      progressAt = Date.now();
    }
    const stuck = state.failed > 0 && Date.now() - progressAt > STUCK_MS;
    if (Date.now() >= o.deadline || o.aborted() || stuck) {
      return { ...result, drainedAt: undefined };
    }
    // A poll costs the service and the database CPU of their own (counting
    // the queue; an older service's overview counts the whole raw log), so
    // polls wait at least four times the last answer and never take more
    // than a fifth of the time.
    await new Promise(r => setTimeout(r, Math.max(POLL_MS, 4 * ms)));
  }
}
