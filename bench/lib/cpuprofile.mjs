// @ts-check
// Summarises a V8 .cpuprofile (node --cpu-prof) into where the service's
// CPU went: by stage of the ingestion path and by hottest function. Time in
// built-ins and Node's own modules (JSON.parse, crypto, socket writes) is
// charged to the nearest caller in application or library code: JSON.parse
// called by the router counts as the router's, a socket write by the pg
// driver as the driver's.
import { readFileSync } from 'node:fs';

/** Stages, matched on script URL in order; the first match wins. */
const STAGES = [
  [
    'validation (OpenLineageValidator, ajv)',
    /OpenLineageValidator|\/ajv|ajv-formats/,
  ],
  ['event hash (eventHash)', /ingestion\/eventHash/],
  [
    'derivation (deriveFacts, schemaFields)',
    /openlineage\/(deriveFacts|schemaFields|ids)/,
  ],
  [
    'fact merging and row building (FactWriter, projectors)',
    /FactWriter|Projector|assets\/(merge|storedAttributes|rows)|database\/rowMerge/,
  ],
  [
    'store (event log, queue, bulk writes)',
    /eventlog\/(EventLogStore|DerivationQueueStore)|database\/(conversions|bulkWrite)/,
  ],
  ['ingestion service and router', /IngestionService|service\/router/],
  ['knex (query building, transactions)', /node_modules\/knex\//],
  ['pg driver', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-)/],
  ['better-sqlite3 driver (includes SQLite itself)', /better-sqlite3/],
  [
    'request logging (winston, logform)',
    /node_modules\/(winston|logform|triple-beam|readable-stream|@colors)/,
  ],
  ['auth (httpAuth, tokens)', /auth|jose/i],
  [
    'HTTP stack (express, body parsing, Backstage middleware)',
    /entrypoints\/(rootHttpRouter|httpRouter)|express-promise-router|node_modules\/(express|body-parser|raw-body|iconv-lite|router|on-finished|compression|helmet|cors|finalhandler|send)\//,
  ],
  ['other modules', /./],
];
// Stacks with no module code at all: the event loop, timers, Node's HTTP
// parser handing requests in.
const NODE_ONLY = 'Node itself (event loop, HTTP server internals)';

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number },
 *   hitCount?: number, children?: number[] }} ProfileNode
 */

/** @param {string} url */
function stageOf(url) {
  for (const [name, pattern] of STAGES) {
    if (/** @type {RegExp} */ (pattern).test(url))
      return /** @type {string} */ (name);
  }
  return 'other modules';
}

/**
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[],
 *   startTime: number }} Profile
 */

/** @param {string} file @returns {Profile} */
export function loadProfile(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The CPU of the samples taken between `from` and `to`, in microseconds of
 * the monotonic clock V8 stamps profiles with, which is the clock
 * process.hrtime() reads in every process on the machine. That is what lets
 * the benchmark cut one phase out of a profile of the whole process life,
 * startup and transpiling included.
 *
 * @param {Profile} profile @param {number} [from] @param {number} [to]
 */
export function summarizeProfile(profile, from = -Infinity, to = Infinity) {
  /** @type {Map<number, ProfileNode>} */
  const nodes = new Map(profile.nodes.map(n => [n.id, n]));
  /** @type {Map<number, number>} */
  const parents = new Map();
  for (const n of profile.nodes) {
    for (const child of n.children ?? []) parents.set(child, n.id);
  }

  /** @type {Map<number, number>} microseconds of self time per node */
  const self = new Map();
  let time = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    if (time < from || time > to) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });

  /** @type {Map<number, string>} */
  const stageCache = new Map();
  /** @param {number} id @returns {string} */
  const stage = id => {
    const cached = stageCache.get(id);
    if (cached) return cached;
    const n = /** @type {ProfileNode} */ (nodes.get(id));
    const { functionName: name, url } = n.callFrame;
    let result;
    if (name === '(garbage collector)') result = 'garbage collection';
    else if (name === '(idle)') result = 'idle';
    else if (name === '(program)') result = 'V8/Node native (program)';
    else if (url && !url.startsWith('node:')) result = stageOf(url);
    else {
      // Built-ins and Node's own modules: charged to the code that called
      // them, so a socket write issued by pg counts as pg's.
      const parent = parents.get(id);
      result = parent === undefined ? NODE_ONLY : stage(parent);
    }
    stageCache.set(id, result);
    return result;
  };

  let total = 0;
  let idle = 0;
  /** @type {Map<string, number>} */
  const byStage = new Map();
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  for (const [id, us] of self) {
    const s = stage(id);
    total += us;
    if (s === 'idle') {
      idle += us;
      continue;
    }
    byStage.set(s, (byStage.get(s) ?? 0) + us);
    const { functionName, url, lineNumber } = /** @type {ProfileNode} */ (
      nodes.get(id)
    ).callFrame;
    const where = url
      ? `${url.replace(/^.*\/(node_modules|plugins)\//, '$1/')}:${
          lineNumber + 1
        }`
      : '(built-in)';
    const key = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const busy = total - idle;
  const sorted = (/** @type {Map<string, number>} */ m) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    seconds: total / 1e6,
    busySeconds: busy / 1e6,
    stages: sorted(byStage).map(([name, us]) => ({
      name,
      seconds: us / 1e6,
      share: us / busy,
    })),
    functions: sorted(byFunction)
      .slice(0, 15)
      .map(([name, us]) => ({ name, seconds: us / 1e6, share: us / busy })),
  };
}
