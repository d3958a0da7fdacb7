// @ts-check
// A simulated platform of any size, as the rows the metadata service derives
// from OpenLineage events: endpoints, workflows, runs, run I/O, workflow I/O
// and lineage edges.
//
// The shape is the runtime simulator's (packages/runtime-simulator,
// generatePlatform: a quarter of the endpoints raw event streams, workflows
// 40% of the endpoints count, three edges per endpoint, eight levels with
// many shallow workflows and few deep ones, every workflow reading one input
// from the level right below and the rest skewed towards raw events and
// early tables, log-normal fan-in). The simulator builds each endpoint as an
// object with fields, column lineage and SQL, which 1M endpoints cannot
// afford in time or memory; here the graph is typed arrays and the rows are
// produced in chunks as the loader asks for them. On top of that shape:
//
// - a few very wide nodes: raw streams and early tables read by thousands of
//   workflows (the hot dimension tables every real platform has);
// - cycles: 1% of the workflows also read an endpoint they write;
// - history: each workflow has its current completed run and one to three
//   older runs (3% of them failed), so run_io is several times larger than
//   lineage_edges; 5% of the workflows read one more input in older runs
//   than now (an edge in lineage_edges that is no longer current); 2% have a
//   JobEvent newer than their current run (their workflow_io is current);
//   1% have no completed run at all (only a failed and a running one).
import { createHash } from 'node:crypto';
import { prng } from '../ingest/generator.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEPTH = 8;

export const TEAMS = [
  'playback',
  'search',
  'ads-platform',
  'payments',
  'growth',
  'content-insights',
  'podcasts',
  'recommendations',
  'identity',
  'finance-data',
  'marketplace',
  'core-data',
];
const NOUNS = ['plays', 'sessions', 'streams', 'users', 'artists', 'tracks'];
const MORE_NOUNS = ['ads', 'payments', 'searches', 'follows', 'shares'];
const ALL_NOUNS = [...NOUNS, ...MORE_NOUNS, 'devices', 'podcasts', 'revenue'];
const QUALIFIERS = ['daily', 'hourly', 'by_market', 'by_device', 'agg', 'v2'];
const VERBS = ['aggregate', 'enrich', 'join', 'dedupe', 'export', 'score'];
const EVENTS = ['PlaybackStarted', 'SearchIssued', 'AdShown', 'UserFollowed'];

/**
 * The service's endpoint and workflow ids (openlineage/ids.ts): a hash of
 * the OpenLineage identity.
 *
 * @param {'endpoint' | 'workflow'} kind @param {string} namespace @param {string} name
 */
export function entityId(kind, namespace, name) {
  const digest = createHash('sha256')
    .update(`${kind}\u0000${namespace}\u0000${name}`)
    .digest('base64url')
    .slice(0, 22);
  return `${kind === 'endpoint' ? 'ep' : 'wf'}_${digest}`;
}

/** A growable Int32 list. */
class IntList {
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
    this.length = 0;
  }
  /** @param {number} v */
  push(v) {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view() {
    return this.data.subarray(0, this.length);
  }
}

/**
 * @typedef {ReturnType<typeof generatePlatform>} Platform
 */

/**
 * @param {{ endpoints: number, seed: number, olderRuns?: number, now?: Date }} options
 */
export function generatePlatform(options) {
  const endpointCount = options.endpoints;
  const rng = prng(options.seed * 2654435761 + endpointCount);
  const int = (/** @type {number} */ lo, /** @type {number} */ hi) =>
    lo + Math.floor(rng() * (hi - lo + 1));
  const chance = (/** @type {number} */ p) => rng() < p;
  const logNormal = (/** @type {number} */ median, /** @type {number} */ s) =>
    median *
    Math.exp(
      s * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()),
    );

  const workflowCount = Math.round(endpointCount * 0.4);
  const edgeCount = endpointCount * 3;
  const rawCount = Math.round(endpointCount * 0.25);
  const derivedCount = endpointCount - rawCount;
  const inputCount = edgeCount - derivedCount;

  // Levels, sorted: many shallow workflows, few deep ones.
  const levelOf = new Uint8Array(workflowCount);
  const levelWeights = Array.from({ length: DEPTH }, (_, l) => 0.72 ** l);
  const weightTotal = levelWeights.reduce((a, b) => a + b, 0);
  for (let w = 0; w < workflowCount; w++) {
    if (w < DEPTH) {
      levelOf[w] = w + 1;
      continue;
    }
    let r = rng() * weightTotal;
    let l = 0;
    while (l < DEPTH - 1 && r >= levelWeights[l]) r -= levelWeights[l++];
    levelOf[w] = l + 1;
  }
  levelOf.sort();

  const outputsOf = new Int32Array(workflowCount).fill(1);
  for (let extra = derivedCount - workflowCount; extra > 0; extra--) {
    outputsOf[int(0, workflowCount - 1)]++;
  }
  const fanIn = new Float64Array(workflowCount);
  let fanInSum = 0;
  for (let w = 0; w < workflowCount; w++) {
    fanIn[w] = logNormal(1, 0.7);
    fanInSum += fanIn[w];
  }
  const inputsOf = new Int32Array(workflowCount);
  let assigned = 0;
  for (let w = 0; w < workflowCount; w++) {
    inputsOf[w] =
      1 + Math.floor(((inputCount - workflowCount) * fanIn[w]) / fanInSum);
    assigned += inputsOf[w];
  }
  for (; assigned < inputCount; assigned++)
    inputsOf[int(0, workflowCount - 1)]++;

  // Endpoints in level order: raw first, then each workflow's outputs.
  const endpointLevel = new Uint8Array(endpointCount);
  const producer = new Int32Array(endpointCount).fill(-1);
  const endpointTeam = new Uint8Array(endpointCount);
  for (let e = 0; e < rawCount; e++) endpointTeam[e] = int(0, TEAMS.length - 1);
  const workflowTeam = new Uint8Array(workflowCount);
  const outStart = new Int32Array(workflowCount + 1);
  const inOffsets = new Int32Array(workflowCount + 1);
  const inputs = new IntList(inputCount + workflowCount);
  /** levelEnd[l]: endpoints of level <= l. */
  const levelEnd = new Int32Array(DEPTH + 1);
  levelEnd[0] = rawCount;
  let currentLevel = 1;
  let unreadRaw = 0;
  let nextEndpoint = rawCount;
  const picked = new Set();
  for (let w = 0; w < workflowCount; w++) {
    while (levelOf[w] > currentLevel) levelEnd[currentLevel++] = nextEndpoint;
    const level = levelOf[w];
    const available = levelEnd[level - 1];
    const belowStart = level >= 2 ? levelEnd[level - 2] : 0;
    picked.clear();
    picked.add(int(belowStart, available - 1));
    const wanted = Math.min(inputsOf[w], available);
    for (let tries = 0; picked.size < wanted && tries < wanted * 4; tries++) {
      if (unreadRaw < rawCount && chance(0.3)) picked.add(unreadRaw++);
      else if (chance(0.35)) picked.add(Math.floor(available * rng() ** 3));
      else picked.add(int(0, available - 1));
    }
    inOffsets[w] = inputs.length;
    for (const p of picked) inputs.push(/** @type {number} */ (p));
    const team = int(0, TEAMS.length - 1);
    workflowTeam[w] = team;
    outStart[w] = nextEndpoint;
    for (let o = 0; o < outputsOf[w]; o++) {
      endpointLevel[nextEndpoint] = level;
      producer[nextEndpoint] = w;
      endpointTeam[nextEndpoint] = team;
      nextEndpoint++;
    }
  }
  while (currentLevel <= DEPTH) levelEnd[currentLevel++] = nextEndpoint;
  inOffsets[workflowCount] = inputs.length;
  outStart[workflowCount] = nextEndpoint;

  // Wide nodes: raw streams and early (level-1) tables that thousands of
  // workflows read; their readers sit above them, so the graph stays a DAG.
  const hubCount = endpointCount >= 100_000 ? 8 : 4;
  const hubTargets = [5000, 3000, 2000, 1000];
  /** @type {{ endpoint: number, readers: number }[]} */
  const hubs = [];
  const firstLevel2 = levelOf.indexOf(2);
  /** @type {number[][]} */
  const hubReaders = [];
  for (let h = 0; h < hubCount; h++) {
    const raw = h % 2 === 0;
    const endpoint = raw
      ? int(0, rawCount - 1)
      : outStart[int(0, Math.max(0, firstLevel2 - 1))];
    if (hubs.some(x => x.endpoint === endpoint)) continue;
    const from = raw ? 0 : firstLevel2;
    const target = Math.min(
      hubTargets[Math.floor(h / 2) % hubTargets.length],
      Math.floor((workflowCount - from) / 4),
    );
    /** @type {Set<number>} */
    const readers = new Set();
    while (readers.size < target) readers.add(int(from, workflowCount - 1));
    const list = [];
    for (const w of readers) {
      let reads = false;
      for (let i = inOffsets[w]; i < inOffsets[w + 1]; i++) {
        if (inputs.data[i] === endpoint) reads = true;
      }
      if (!reads) list.push(w);
    }
    hubReaders.push(list);
    hubs.push({ endpoint, readers: 0 });
  }

  // Per-workflow history and quirks.
  const olderRunsMean = options.olderRuns ?? 2;
  const olderRuns = new Uint8Array(workflowCount);
  const hourly = new Uint8Array(workflowCount);
  const flags = new Uint8Array(workflowCount);
  const droppedInput = new Int32Array(workflowCount).fill(-1);
  const selfRead = new Int32Array(workflowCount).fill(-1);
  const currentEnd = new Float64Array(workflowCount);
  const duration = new Int32Array(workflowCount);
  const now = (options.now ?? new Date('2026-11-27T00:00:00Z')).getTime();
  for (let w = 0; w < workflowCount; w++) {
    olderRuns[w] = Math.max(
      0,
      Math.min(255, Math.round(olderRunsMean - 1 + rng() * 2)),
    );
    hourly[w] = chance(0.15) ? 1 : 0;
    const period = hourly[w] ? HOUR : DAY;
    duration[w] = Math.round(
      Math.min(period * 0.8, logNormal(hourly[w] ? 240 : 900, 0.5) * 1000),
    );
    currentEnd[w] = now - Math.floor(rng() * period);
    const r = rng();
    if (r < 0.01) flags[w] = NO_COMPLETED_RUN;
    else if (r < 0.03) flags[w] = JOB_DECLARED;
    if (chance(0.05)) {
      const level = levelOf[w];
      droppedInput[w] = int(0, levelEnd[level - 1] - 1);
      for (let i = inOffsets[w]; i < inOffsets[w + 1]; i++) {
        if (inputs.data[i] === droppedInput[w]) droppedInput[w] = -1;
      }
    }
    if (chance(0.01)) selfRead[w] = outStart[w];
  }

  // Final inputs per workflow: regular picks, hub reads, self reads.
  const extra = new Int32Array(workflowCount);
  for (const list of hubReaders) for (const w of list) extra[w]++;
  for (let w = 0; w < workflowCount; w++) if (selfRead[w] >= 0) extra[w]++;
  const inOff = new Int32Array(workflowCount + 1);
  for (let w = 0; w < workflowCount; w++) {
    inOff[w + 1] = inOff[w] + (inOffsets[w + 1] - inOffsets[w]) + extra[w];
  }
  const inList = new Int32Array(inOff[workflowCount]);
  const fill = Int32Array.from(inOff.subarray(0, workflowCount));
  for (let w = 0; w < workflowCount; w++) {
    for (let i = inOffsets[w]; i < inOffsets[w + 1]; i++) {
      inList[fill[w]++] = inputs.data[i];
    }
    if (selfRead[w] >= 0) inList[fill[w]++] = selfRead[w];
  }
  hubReaders.forEach((list, h) => {
    for (const w of list) inList[fill[w]++] = hubs[h].endpoint;
    hubs[h].readers = list.length;
  });
  // An input dropped in older runs must not be one the workflow reads now
  // (a wide node's read was added after it was chosen).
  for (let w = 0; w < workflowCount; w++) {
    for (let i = inOff[w]; i < inOff[w + 1]; i++) {
      if (inList[i] === droppedInput[w]) droppedInput[w] = -1;
    }
  }

  // Readers per endpoint (all current and historical input edges), for
  // choosing wide and ordinary focus nodes.
  const readers = new Int32Array(endpointCount);
  for (let i = 0; i < inList.length; i++) readers[inList[i]]++;

  return {
    seed: options.seed,
    now,
    endpointCount,
    workflowCount,
    rawCount,
    levelOf,
    endpointLevel,
    producer,
    endpointTeam,
    workflowTeam,
    outStart,
    inOff,
    inList,
    hubs,
    readers,
    olderRuns,
    hourly,
    flags,
    droppedInput,
    selfRead,
    currentEnd,
    duration,
    /** Endpoint ids, computed once, on first use. */
    endpointIds: /** @type {string[]} */ ([]),
    workflowIds: /** @type {string[]} */ ([]),
  };
}

export const NO_COMPLETED_RUN = 1;
export const JOB_DECLARED = 2;

/** @param {Platform} p @param {number} e */
export function endpointIdentity(p, e) {
  if (e < p.rawCount) {
    return {
      namespace: 'gs://sim-event-delivery',
      name: `events/${EVENTS[e % EVENTS.length]}_${e}`,
    };
  }
  const team = TEAMS[p.endpointTeam[e]];
  const noun = ALL_NOUNS[e % ALL_NOUNS.length];
  const qualifier = QUALIFIERS[(e >>> 4) % QUALIFIERS.length];
  return e % 7 === 0
    ? { namespace: `gs://sim-${team}`, name: `${noun}_${qualifier}_${e}/daily` }
    : {
        namespace: 'bigquery',
        name: `sim-${team}.${team.replace(
          /-/g,
          '_',
        )}.${noun}_${qualifier}_${e}`,
      };
}

/** @param {Platform} p @param {number} w */
export function workflowIdentity(p, w) {
  return {
    namespace: TEAMS[p.workflowTeam[w]],
    name: `${VERBS[w % VERBS.length]}_${
      ALL_NOUNS[(w >>> 3) % ALL_NOUNS.length]
    }_${w}`,
  };
}

/** @param {Platform} p */
export function computeIds(p) {
  if (p.endpointIds.length) return;
  for (let e = 0; e < p.endpointCount; e++) {
    const { namespace, name } = endpointIdentity(p, e);
    p.endpointIds.push(entityId('endpoint', namespace, name));
  }
  for (let w = 0; w < p.workflowCount; w++) {
    const { namespace, name } = workflowIdentity(p, w);
    p.workflowIds.push(entityId('workflow', namespace, name));
  }
}

/** A 36-character run id, unique per workflow and run. @param {Platform} p @param {number} w @param {number} k */
export function runId(p, w, k) {
  const h = createHash('md5').update(`${p.seed}/${w}/${k}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

/**
 * The runs of a workflow, newest first: k = 0 is the current completed run
 * (or, with NO_COMPLETED_RUN, a failed run and k = 1 a running one).
 *
 * @param {Platform} p @param {number} w
 */
export function runsOf(p, w) {
  const period = p.hourly[w] ? HOUR : DAY;
  /** @type {{ k: number, state: string, startedAt: number, endedAt: number | null, stateTime: number, io: 'current' | 'older' }[]} */
  const runs = [];
  if (p.flags[w] === NO_COMPLETED_RUN) {
    const end = p.currentEnd[w];
    runs.push({
      k: 0,
      state: 'RUNNING',
      startedAt: end - p.duration[w] / 2,
      endedAt: null,
      stateTime: end - p.duration[w] / 2,
      io: 'current',
    });
    runs.push({
      k: 1,
      state: 'FAILED',
      startedAt: end - period - p.duration[w],
      endedAt: end - period,
      stateTime: end - period,
      io: 'older',
    });
    return runs;
  }
  const n = 1 + p.olderRuns[w];
  for (let k = 0; k < n; k++) {
    const end = p.currentEnd[w] - k * period;
    const failed = k > 0 && (w * 31 + k * 17) % 100 < 3;
    runs.push({
      k,
      state: failed ? 'FAILED' : 'COMPLETED',
      startedAt: end - p.duration[w],
      endedAt: end,
      stateTime: end,
      io: k === 0 ? 'current' : 'older',
    });
  }
  return runs;
}

/**
 * The edges a workflow's run observed: its current inputs and outputs, and
 * in older runs the input it has since dropped.
 *
 * @param {Platform} p @param {number} w @param {'current' | 'older'} which
 * @returns {[number, 'input' | 'output'][]}
 */
export function ioOf(p, w, which) {
  /** @type {[number, 'input' | 'output'][]} */
  const io = [];
  for (let i = p.inOff[w]; i < p.inOff[w + 1]; i++)
    io.push([p.inList[i], 'input']);
  if (which === 'older' && p.droppedInput[w] >= 0) {
    io.push([p.droppedInput[w], 'input']);
  }
  for (let e = p.outStart[w]; e < p.outStart[w + 1]; e++)
    io.push([e, 'output']);
  return io;
}

/**
 * How many current edges the decided rule gives: each workflow's current
 * inputs and outputs (its current run's, its JobEvent's, or for a workflow
 * with no completed run every edge ever seen, the dropped input included).
 *
 * @param {Platform} p
 */
export function expectedCurrentEdges(p) {
  let n = 0;
  for (let w = 0; w < p.workflowCount; w++) {
    n += p.inOff[w + 1] - p.inOff[w] + (p.outStart[w + 1] - p.outStart[w]);
    if (p.flags[w] === NO_COMPLETED_RUN && p.droppedInput[w] >= 0) n++;
  }
  return n;
}
