// @ts-check
// yarn bench:ingest — how fast the metadata service ingests OpenLineage
// events on PostgreSQL and on SQLite, next to the floor (the same rows
// written by plain batched knex inserts) measured in the same run.
//
// Per database: start the real service in its own process on a scratch
// database, warm it up, then measure (1) the batch endpoint with a few
// concurrent senders, (2) the single-event endpoint with 16 concurrent
// clients, (3) the service's resident memory through the batch phase, and
// finally (4) the floor, from the rows the service derived. A phase ends
// when the service has derived what it accepted, which may be after its
// last answer: both moments are reported.
//
// Settings are environment variables; see bench/README.md.
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile, summarizeProfile } from '../lib/cpuprofile.mjs';
import {
  createPgDatabase,
  dropPgDatabase,
  migrate,
  openKnex,
  pgVersion,
  postgres,
  sqliteVersion,
} from '../lib/databases.mjs';
import { createClient } from '../lib/http.mjs';
import { samplePgSessions } from '../lib/pgActivity.mjs';
import {
  cpuSeconds,
  postgresCpuSeconds,
  root,
  rssBytes,
  startService,
} from '../lib/process.mjs';
import {
  loadAverage,
  machine,
  mib,
  num,
  percentiles,
  prettify,
  ratio,
  revision,
  table,
} from '../lib/report.mjs';
import { prepareBodies } from './bodies.mjs';
import { POLL_MS, waitForDerivation } from './derivation.mjs';
import { prepareFloor } from './floor.mjs';
import { createGenerator } from './generator.mjs';

/** @param {string} name @param {number} fallback @param {number} [min] */
function intEnv(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, not ${raw}`);
  }
  return value;
}

const events = intEnv('BENCH_EVENTS', 40_000);
const settings = {
  events,
  warmup: intEnv('BENCH_WARMUP', 2_000, 0),
  batchSize: intEnv('BENCH_BATCH_SIZE', 500),
  senders: intEnv('BENCH_BATCH_SENDERS', 4),
  singleEvents: intEnv('BENCH_SINGLE_EVENTS', 5_000),
  clients: intEnv('BENCH_SINGLE_CLIENTS', 16),
  workflows: intEnv('BENCH_WORKFLOWS', 2_000),
  seed: intEnv('BENCH_SEED', 42, 0),
  floorEvents: intEnv('BENCH_FLOOR_EVENTS', Math.min(events, 50_000)),
  // Request bodies a phase may hold serialized before its window; the
  // default holds the default phases whole (~7 KB an event).
  preserializeMiB: intEnv('BENCH_PRESERIALIZE_MIB', 1024, 0),
  // Each phase stops by itself even if the service crawls: at the latest
  // after this many seconds, reporting what it measured until then.
  phaseSeconds: intEnv(
    'BENCH_PHASE_TIMEOUT_S',
    Math.max(300, Math.ceil(events / 100)),
  ),
  databases: (process.env.BENCH_DATABASES ?? 'postgres,sqlite')
    .split(',')
    .map(d => d.trim())
    .filter(Boolean),
  cpuProfile: process.env.BENCH_CPU_PROF === '1',
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
};
for (const d of settings.databases) {
  if (d !== 'postgres' && d !== 'sqlite') {
    throw new Error(`BENCH_DATABASES: unknown database ${d}`);
  }
}

const resultsDir = join(root, 'bench/results');
const profilesDir = join(resultsDir, 'profiles');
const token = randomBytes(24).toString('base64url');
const tag = `bench_ingest_${process.pid}`;
const BATCH_PATH = '/api/data-platform/v1/lineage/batch';
const SINGLE_PATH = '/api/data-platform/v1/lineage';
// A phase gives up after this many failed requests rather than hammering a
// broken service until its deadline.
const MAX_ERRORS = 20;

// Ctrl-C ends the phases early and still runs every cleanup.
let aborted = false;
process.once('SIGINT', () => {
  aborted = true;
  log('interrupted: finishing the requests in flight, then cleaning up');
});

/** @param {string} message */
function log(message) {
  const time = new Date().toISOString().slice(11, 19);
  console.error(`[bench:ingest ${time}] ${message}`);
}

/** Monotonic microseconds, the clock V8 stamps CPU profiles with. */
const monoMicros = () => Number(process.hrtime.bigint() / 1000n);
const deadline = () => Date.now() + settings.phaseSeconds * 1000;

/**
 * @typedef {{ events: number }} Progress
 * @typedef {ReturnType<typeof createGenerator>} Generator
 * @typedef {ReturnType<typeof createClient>} Client
 * @typedef {ReturnType<typeof prepareBodies>} Bodies
 * @typedef {{ client: Client, bodies: Bodies, progress: Progress }} PhaseOptions
 */

/**
 * A phase's request bodies, serialized now, before its window starts.
 *
 * @param {Generator} gen @param {number} count @param {'batch' | 'single'} kind
 */
function bodiesFor(gen, count, kind) {
  const size = kind === 'batch' ? settings.batchSize : 1;
  return prepareBodies({
    gen,
    count,
    size,
    array: kind === 'batch',
    budgetBytes: settings.preserializeMiB * 2 ** 20,
    // Enough that no sender waits for the producer, a few thousand events.
    ahead: Math.max(5_000, 2 * size * Math.max(settings.senders, 1)),
  });
}

/**
 * What the phase's senders measured: events accepted, and when the first
 * request went out and the last response came back (performance.now()).
 *
 * @typedef {{
 *   sent: number,
 *   accepted: number,
 *   started: number,
 *   answered: number,
 *   errors: string[],
 *   largestBody: number,
 *   generationSeconds: number,
 *   preserialized: number,
 *   latencies?: Float64Array,
 * }} Sent
 */

/**
 * What the senders of a phase did, taken when its last answer came: their
 * counts and times, and what building the request bodies took.
 *
 * @param {PhaseOptions} o
 * @param {{ sent: number, accepted: number, started: number, errors: string[] }} counts
 * @returns {Sent}
 */
function phaseSent(o, counts) {
  const answered = performance.now();
  o.bodies.stop();
  return {
    ...counts,
    answered,
    largestBody: o.bodies.largest,
    generationSeconds: o.bodies.windowCpuSeconds,
    preserialized: o.bodies.preserialized,
  };
}

/** Sends the bodies in batches from concurrent senders. @param {PhaseOptions} o @returns {Promise<Sent>} */
async function sendBatches(o) {
  let sent = 0;
  let accepted = 0;
  /** @type {string[]} */
  const errors = [];
  const end = deadline();
  const started = performance.now();
  o.bodies.start();
  await Promise.all(
    Array.from({ length: settings.senders }, async () => {
      while (Date.now() < end && !aborted && errors.length < MAX_ERRORS) {
        const next = await o.bodies.take();
        if (!next) break;
        sent += next.events;
        try {
          const res = await o.client.post(BATCH_PATH, next.body);
          if (res.status === 200 || res.status === 207) {
            const ok = JSON.parse(res.body).summary?.successful ?? 0;
            accepted += ok;
            o.progress.events += ok;
            if (ok < next.events) {
              errors.push(`${res.status}: ${res.body.slice(0, 300)}`);
            }
          } else {
            errors.push(`${res.status}: ${res.body.slice(0, 300)}`);
          }
        } catch (error) {
          errors.push(String(error));
        }
      }
    }),
  );
  return phaseSent(o, { sent, accepted, started, errors });
}

/**
 * Sends the bodies one event per request from concurrent clients, each
 * waiting for its response before sending the next (a closed loop).
 *
 * @param {PhaseOptions} o @returns {Promise<Sent>}
 */
async function sendSingles(o) {
  const latencies = new Float64Array(o.bodies.remaining);
  let sent = 0;
  let accepted = 0;
  /** @type {string[]} */
  const errors = [];
  const end = deadline();
  const started = performance.now();
  o.bodies.start();
  await Promise.all(
    Array.from({ length: settings.clients }, async () => {
      while (Date.now() < end && !aborted && errors.length < MAX_ERRORS) {
        const next = await o.bodies.take();
        if (!next) break;
        sent++;
        const t0 = performance.now();
        try {
          const res = await o.client.post(SINGLE_PATH, next.body);
          const ms = performance.now() - t0;
          if (res.status === 201) {
            latencies[accepted++] = ms;
            o.progress.events++;
          } else {
            errors.push(`${res.status}: ${res.body.slice(0, 300)}`);
          }
        } catch (error) {
          errors.push(String(error));
        }
      }
    }),
  );
  return {
    ...phaseSent(o, { sent, accepted, started, errors }),
    latencies: latencies.subarray(0, accepted),
  };
}

/**
 * Runs a phase and measures what it cost meanwhile: CPU of the service
 * process, of the PostgreSQL server (all of it) and of this process (the
 * load generator, or for the floor the writer), SQL statements sent, and
 * what the PostgreSQL sessions were doing. A service phase's window runs
 * until its backlog was derived (`windowSeconds`), so deferred work is
 * charged to the phase that caused it.
 *
 * @template {{ accepted: number, seconds: number, windowSeconds?: number }} T
 * @param {{
 *   pid?: number,
 *   pg: boolean,
 *   statements?: () => Promise<number | undefined>,
 *   sessions?: ReturnType<typeof samplePgSessions>,
 * }} o
 * @param {() => Promise<T>} phase
 */
async function measure(o, phase) {
  const statements0 = await o.statements?.();
  const service0 = o.pid ? cpuSeconds(o.pid) : 0;
  const pg0 = o.pg ? postgresCpuSeconds() : 0;
  const self0 = process.cpuUsage();
  const sessions0 = o.sessions?.mark();
  const from = monoMicros();
  const result = await phase();
  const to = monoMicros();
  const self = process.cpuUsage(self0);
  const serviceCpu = o.pid ? cpuSeconds(o.pid) - service0 : undefined;
  const pgCpu = o.pg ? postgresCpuSeconds() - pg0 : undefined;
  const sessions = sessions0 && o.sessions?.since(sessions0);
  const statements1 = await o.statements?.();
  const perEvent = (/** @type {number | undefined} */ s) =>
    s !== undefined && result.accepted
      ? (s * 1000) / result.accepted
      : undefined;
  return {
    ...result,
    window: { from, to },
    cpu: {
      serviceMs: perEvent(serviceCpu),
      serviceBusy:
        serviceCpu !== undefined
          ? serviceCpu / (result.windowSeconds ?? result.seconds)
          : undefined,
      databaseMs: perEvent(pgCpu),
      clientMs: perEvent((self.user + self.system) / 1e6),
    },
    sessions: sessions?.mean,
    // Counted in the service when it can be; the floor counts its own.
    statementsPerEvent:
      statements0 !== undefined && statements1 !== undefined && result.accepted
        ? (statements1 - statements0) / result.accepted
        : /** @type {{ statementsPerEvent?: number }} */ (result)
            .statementsPerEvent,
  };
}

/**
 * Waits, for at most the phase timeout, until the service derived what it
 * accepted.
 *
 * @param {Client} client @param {number} failedBefore
 */
function drain(client, failedBefore) {
  return waitForDerivation(client, {
    deadline: deadline(),
    failedBefore,
    aborted: () => aborted,
  });
}

/**
 * A service phase: send, then wait until what was accepted is derived.
 * `seconds` is what producers saw (first request to last answer);
 * `derivation.seconds` runs to the moment the backlog was empty.
 *
 * @param {Parameters<typeof measure>[0]} probes @param {Client} client
 * @param {number} failedBefore @param {() => Promise<Sent>} send
 */
async function servicePhase(probes, client, failedBefore, send) {
  return await measure(probes, async () => {
    const sent = await send();
    const d = await drain(client, failedBefore);
    const end = d.drainedAt ?? performance.now();
    return {
      ...sent,
      seconds: (sent.answered - sent.started) / 1000,
      windowSeconds: (end - sent.started) / 1000,
      derivation: {
        ...d,
        drained: d.drainedAt !== undefined,
        drainSeconds: (end - sent.answered) / 1000,
        seconds: d.drainedAt !== undefined ? (end - sent.started) / 1000 : NaN,
      },
    };
  });
}

/**
 * Samples the service's RSS with the number of events accepted so far.
 *
 * @param {number} pid @param {Progress} progress
 */
function sampleMemory(pid, progress) {
  /** @type {{ events: number, rss: number }[]} */
  const samples = [];
  const sample = () => {
    const rss = rssBytes(pid);
    if (rss !== undefined) samples.push({ events: progress.events, rss });
  };
  const timer = setInterval(sample, 200);
  return {
    sample,
    /** Start, peak and end RSS between two sample indexes. */
    summarize(/** @type {number} */ from, /** @type {number} */ to) {
      const window = samples.slice(from, to);
      if (window.length === 0) return undefined;
      const first = window[0];
      const last = window[window.length - 1];
      const half = first.events + (last.events - first.events) / 2;
      const peak = (/** @type {typeof window} */ list) =>
        list.reduce((max, s) => Math.max(max, s.rss), 0);
      return {
        start: first.rss,
        peak: peak(window),
        end: last.rss,
        // The sawtooth of garbage collection makes single samples noisy;
        // comparing the peaks of each half shows a trend, not a GC cycle.
        growth:
          peak(window.filter(s => s.events >= half)) -
          peak(window.filter(s => s.events < half)),
        // Peak of each tenth of the phase, in events: a leak shows as a
        // staircase, a healthy heap as a flat line.
        tenths: Array.from({ length: 10 }, (_, i) => {
          const span = last.events - first.events;
          const lo = first.events + (span * i) / 10;
          const hi = first.events + (span * (i + 1)) / 10;
          return peak(
            window.filter(
              s => s.events >= lo && (i === 9 ? s.events <= hi : s.events < hi),
            ),
          );
        }),
        samples: window.length,
      };
    },
    get length() {
      return samples.length;
    },
    stop: () => clearInterval(timer),
  };
}

/** @param {'postgres' | 'sqlite'} kind */
async function runDatabase(kind) {
  const dir = mkdtempSync(join(tmpdir(), `bench-ingest-${kind}-`));
  const serviceDb = `${tag}_service`;
  const floorDb = `${tag}_floor`;
  const pg = kind === 'postgres';
  /** @type {ReturnType<typeof samplePgSessions>[]} */
  const samplers = [];
  try {
    if (pg) {
      await createPgDatabase(serviceDb);
      await createPgDatabase(floorDb);
    }
    const version = pg
      ? `PostgreSQL ${await pgVersion()}`
      : `SQLite ${sqliteVersion()}`;
    log(`${version}: starting the service`);
    const service = await startService({
      dir,
      name: `service-${kind}`,
      database: pg
        ? {
            client: 'pg',
            connection: { ...postgres },
            plugin: {
              'data-platform': { connection: { database: serviceDb } },
            },
          }
        : {
            client: 'better-sqlite3',
            connection: { directory: join(dir, 'service') },
          },
      token,
      // 500 COMPLETE events with schema facets are ~6 MB, over the 5mb
      // default; the largest body sent is reported so the default can be
      // judged against it.
      dataPlatform: { ingestion: { maxBodySize: '64mb' } },
      logLevel: settings.logLevel,
      cpuProfDir: settings.cpuProfile ? profilesDir : undefined,
    });

    const gen = createGenerator({
      seed: settings.seed,
      workflows: settings.workflows,
    });
    const client = createClient({
      baseUrl: service.url,
      token,
      sockets: Math.max(settings.senders, settings.clients),
    });
    /** @type {Progress} */
    const progress = { events: 0 };
    const memory = sampleMemory(service.pid, progress);
    const sessions = pg ? samplePgSessions(serviceDb) : undefined;
    if (sessions) samplers.push(sessions);
    const probes = {
      pid: service.pid,
      pg,
      statements: service.statements,
      sessions,
    };
    let batch;
    /** @type {Awaited<ReturnType<typeof servicePhase>> | undefined} */
    let single;
    let rss;
    let warmed = 0;
    /** @type {string[]} */
    const problems = [];
    let failed = 0;
    /**
     * Derivation failures are counted by the service since it started;
     * a phase is charged with those that appeared during it.
     *
     * @param {string} phase
     * @param {{ failed: number, failedInPhase: number, drained: boolean, backlog: number }} d
     */
    const check = (phase, d) => {
      if (d.failedInPhase > 0) {
        problems.push(
          `derivation failed for ${num(
            d.failedInPhase,
          )} events of the ${phase} (failed, of GET /v1/derivation)`,
        );
        log(`FAILED: ${problems[problems.length - 1]}`);
      }
      failed = d.failed;
      if (!d.drained) {
        problems.push(
          `the ${phase}'s backlog of ${num(
            d.backlog,
          )} events was not derived within ${
            settings.phaseSeconds
          } s, so the phases after it did not run`,
        );
        log(`FAILED: ${problems[problems.length - 1]}`);
      }
      return d.drained;
    };
    try {
      log(`warming up with ${num(settings.warmup)} events`);
      const warm = await sendBatches({
        client,
        bodies: bodiesFor(gen, settings.warmup, 'batch'),
        progress,
      });
      if (warm.errors.length)
        throw new Error(`Warm-up failed: ${warm.errors[0]}`);
      warmed = warm.accepted;
      const warmDrain = await drain(client, failed);
      const warmDrained = warmDrain.drainedAt !== undefined;
      if (!check('warm-up', { ...warmDrain, drained: warmDrained })) {
        throw new Error(problems[problems.length - 1]);
      }

      log(`batch phase: serializing ${num(settings.events)} events`);
      const batchBodies = bodiesFor(gen, settings.events, 'batch');
      if (batchBodies.preserialized < settings.events) {
        log(
          `batch phase: ${num(batchBodies.preserialized)} events (${mib(
            batchBodies.preserializedBytes,
          )} MiB) serialized ahead, the rest while sending`,
        );
      }
      log(`batch phase: sending`);
      memory.sample();
      const memoryFrom = memory.length - 1;
      batch = await servicePhase(probes, client, failed, () =>
        sendBatches({ client, bodies: batchBodies, progress }),
      );
      memory.sample();
      rss = memory.summarize(memoryFrom, memory.length);
      log(`batch phase: ${phaseSummary(batch)}`);

      if (check('batch phase', batch.derivation)) {
        log(`single-event phase: serializing ${num(settings.singleEvents)}`);
        const singleBodies = bodiesFor(gen, settings.singleEvents, 'single');
        log(`single-event phase: sending`);
        single = await servicePhase(probes, client, failed, () =>
          sendSingles({ client, bodies: singleBodies, progress }),
        );
        log(`single-event phase: ${phaseSummary(single)}`);
        check('single-event phase', single.derivation);
      }
    } finally {
      memory.stop();
      client.close();
      const exit = await service.stop();
      if (exit.code !== 0) {
        log(
          `the service exited with ${
            exit.code ?? exit.signal
          }; see bench/results/service-${kind}.log`,
        );
      }
    }

    let profile;
    if (settings.cpuProfile) {
      const loaded = loadProfile(
        join(profilesDir, `service-${kind}.cpuprofile`),
      );
      profile = {
        batch: summarizeProfile(loaded, batch.window.from, batch.window.to),
        ...(single && {
          single: summarizeProfile(
            loaded,
            single.window.from,
            single.window.to,
          ),
        }),
      };
    }

    log('floor: the same rows by plain batched inserts');
    const source = openKnex(
      pg
        ? { kind, database: serviceDb }
        : { kind, filename: join(dir, 'service/data-platform.sqlite') },
    );
    const target = openKnex(
      pg
        ? { kind, database: floorDb }
        : { kind, filename: join(dir, 'floor.sqlite') },
    );
    let floor;
    let counts;
    try {
      const count = async (/** @type {string} */ t) =>
        Number((await source(t).count({ n: '*' }).first())?.n ?? 0);
      counts = {
        rawEvents: await count('raw_events'),
        deadLetters: await count('dead_letters'),
        endpoints: await count('endpoints'),
        schemaVersions: await count('schema_versions'),
        workflows: await count('workflows'),
        runs: await count('runs'),
        partitions: await count('partitions'),
        lineageEdges: await count('lineage_edges'),
      };
      await migrate(target);
      const plan = await prepareFloor({
        source,
        target,
        batch: {
          offset: warmed,
          count: Math.min(settings.floorEvents, batch.accepted),
          size: settings.batchSize,
          workers: settings.senders,
        },
        single: {
          offset: warmed + batch.accepted,
          count: single?.accepted ?? 0,
          workers: settings.clients,
        },
      });
      const floorSessions = pg ? samplePgSessions(floorDb) : undefined;
      if (floorSessions) samplers.push(floorSessions);
      const floorProbes = { pg, sessions: floorSessions };
      floor = {
        sharedRows: plan.sharedRows,
        runRows: plan.runRows,
        batch: await measure(floorProbes, () => plan.writeBatches(deadline())),
        single: await measure(floorProbes, () => plan.writeSingles(deadline())),
      };
    } finally {
      await source.destroy();
      await target.destroy();
    }
    log(
      `floor: ${num(
        floor.batch.accepted / floor.batch.seconds,
      )} events/s batched`,
    );
    return {
      kind,
      version,
      world: gen.stats(),
      resent: client.retries(),
      throttled: client.throttled(),
      batch,
      single,
      rss,
      floor,
      counts,
      profile,
      problems,
    };
  } finally {
    // The service's log outlives the scratch directory, for post-mortems.
    const serviceLog = join(dir, `service-${kind}.log`);
    if (existsSync(serviceLog)) {
      copyFileSync(serviceLog, join(resultsDir, `service-${kind}.log`));
    }
    for (const sampler of samplers) await sampler.stop();
    if (pg) {
      for (const name of [serviceDb, floorDb]) {
        await dropPgDatabase(name).catch(e =>
          log(`could not drop ${name}: ${e}`),
        );
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @typedef {Awaited<ReturnType<typeof runDatabase>>} Result */

/**
 * One line for the log, as producers and as the whole pipeline saw a phase.
 *
 * @param {Awaited<ReturnType<typeof servicePhase>>} m
 */
function phaseSummary(m) {
  const d = m.derivation;
  return `${num(m.accepted / m.seconds)} accepted events/s, ${num(
    m.accepted / d.seconds,
  )} derived events/s (derivation ${d.mode ?? 'not reported'}: ${num(
    d.backlogAtAnswer,
  )} events pending at the last answer, ${
    d.drained ? `drained ${num(d.drainSeconds, 2)} s later` : 'not drained'
  })`;
}

/** @param {number} bytes */
function signedMib(bytes) {
  const rounded = Math.round(bytes / 2 ** 20);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `${rounded}` : '0';
}

const TARGETS = {
  batch: '≥ 5,000 (PostgreSQL)',
  single: '≥ 1,000 at 16 clients',
  p99: '< 50',
  memory: 'flat over 1M events',
};

/** @param {Result[]} results @param {string[]} failures @param {string} startLoad */
function render(results, failures, startLoad) {
  const s = settings;
  const world = results[0]?.world;
  const dbName = (/** @type {Result} */ r) =>
    r.kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
  /** @param {Result} r */
  const phases = r =>
    /** @type {const} */ ([
      ['batch', r.batch, r.floor.batch],
      ['single-event', r.single, r.floor.single],
    ]);
  const budget = `BENCH_PRESERIALIZE_MIB, ${num(s.preserializeMiB)} MiB`;
  const bodies = results.flatMap(r =>
    phases(r).flatMap(([phase, m]) =>
      m && m.preserialized < m.sent
        ? [
            `${dbName(r)} ${phase} phase: ${num(
              m.preserialized,
            )} of its events serialized before the window (${budget}), the rest during it, at most a few thousand ahead of the senders; generating them cost the client ${num(
              (m.generationSeconds * 1000) / Math.max(m.accepted, 1),
              3,
            )} ms CPU per accepted event, included in its column`,
          ]
        : [],
    ),
  );
  const lines = [
    '# Ingestion benchmark',
    '',
    ...failures.map(f => `**FAILED: ${f}**\n`),
    `- Machine: ${machine()}; load average at the start ${startLoad}`,
    `- Date: ${new Date().toISOString()}; commit ${revision()}`,
    world
      ? `- Workload: seed ${s.seed}, ${num(
          world.workflows,
        )} hourly workflows over ${num(
          world.endpoints,
        )} endpoints; each run a START and a COMPLETE (2% FAIL) with ~2 inputs and ~3 outputs, all with schema facets; mean event ${num(
          world.meanBytes / 1024,
          1,
        )} KiB`
      : '- Workload: none completed',
    `- Phases per database: warm-up ${num(s.warmup)} events; batch ${num(
      s.events,
    )} events in batches of ${s.batchSize} from ${
      s.senders
    } concurrent senders; single-event ${num(s.singleEvents)} events from ${
      s.clients
    } concurrent clients. A phase lasts from its first request until the service has derived every event it accepted (\`backlog\` of \`GET /v1/derivation\` is 0, polled every ${POLL_MS} ms or more), and the next starts only then`,
    bodies.length
      ? `- Request bodies: ${bodies.join('; ')}`
      : `- Request bodies: each phase's serialized before its window (${budget}), so the client's CPU in it is HTTP`,
    `- Floor: the rows the service stored, written again by plain batched knex inserts into a fresh database with the same schema (the first ${num(
      s.floorEvents,
    )} batch-phase events in batches of ${s.batchSize} from ${
      s.senders
    } writers; the single-event events one transaction each from ${
      s.clients
    } writers)`,
    '',
  ];
  const rows = [];
  for (const r of results) {
    const db = dbName(r);
    const rate = (
      /** @type {{ accepted: number, seconds: number } | undefined} */ m,
    ) => (m ? m.accepted / m.seconds : undefined);
    const derived = (
      /** @type {{ accepted: number, derivation: { seconds: number } } | undefined} */ m,
    ) => (m ? m.accepted / m.derivation.seconds : undefined);
    const batchFloor = rate(r.floor.batch);
    const singleFloor = rate(r.floor.single);
    const [p50, p95, p99] = r.single
      ? percentiles(r.single.latencies ?? [], [50, 95, 99])
      : [];
    const [f50, f95, f99] = percentiles(r.floor.single.latencies, [50, 95, 99]);
    /** @param {string} figure @param {number | undefined} service @param {number | undefined} floor @param {string} target @param {number} [digits] */
    const row = (figure, service, floor, target, digits = 0) => [
      db,
      figure,
      num(service, digits),
      num(floor, digits),
      ratio(service, floor),
      target,
    ];
    rows.push(
      row(
        'Batch ingestion, accepted events/s',
        rate(r.batch),
        batchFloor,
        TARGETS.batch,
      ),
      row(
        'Batch ingestion, derived events/s (end to end)',
        derived(r.batch),
        batchFloor,
        '',
      ),
      row(
        'Single-event ingestion, accepted events/s',
        rate(r.single),
        singleFloor,
        TARGETS.single,
      ),
      row(
        'Single-event ingestion, derived events/s (end to end)',
        derived(r.single),
        singleFloor,
        '',
      ),
      row('Single-event latency p50, ms', p50, f50, '', 1),
      row('Single-event latency p95, ms', p95, f95, '', 1),
      row('Single-event latency p99, ms', p99, f99, TARGETS.p99, 1),
      [
        db,
        `Service RSS over the batch phase (${num(
          r.batch.accepted,
        )} events), start / peak / end, MiB`,
        r.rss
          ? `${mib(r.rss.start)} / ${mib(r.rss.peak)} / ${mib(r.rss.end)}`
          : '–',
        '',
        '',
        TARGETS.memory,
      ],
      [
        db,
        'RSS trend: 2nd-half peak − 1st-half peak, MiB',
        r.rss ? signedMib(r.rss.growth) : '–',
        '',
        '',
        '≈ 0',
      ],
    );
  }
  lines.push(
    table(
      [
        'Database',
        'Figure',
        'Service',
        'Floor',
        'Service ÷ floor',
        'Target (reference)',
      ],
      rows,
    ),
    '',
    `Accepted events/s is what producers see: events accepted ÷ the time from the phase's first request to its last answer; the targets are about it. Derived events/s is the end-to-end figure: events ÷ the time from the first request until the service had derived them all into endpoints, workflows, runs and lineage. The floor derives nothing and writes everything before it answers, so both are compared with the same floor figure. Latencies are the producers' (request to response).`,
    '',
    'Derivation per phase: how the service reported it (`background` or `inline`; a service without `GET /v1/derivation` is read from its overview, and one that reports nothing derives inline), the events still to derive when the last request was answered, how long deriving them took after that (to within one polling interval and one poll), and the events whose derivation failed during the phase (must be 0). Each poll is load of its own (it counts the queue); the polls and their mean answer time are shown.',
    '',
    table(
      [
        'Database',
        'Phase',
        'Derivation',
        'Events accepted',
        'Accepted events/s',
        'Pending at the last answer',
        'Drained after, s',
        'Derived events/s',
        'Derivation failures',
        'Overview polls (mean ms)',
      ],
      results.flatMap(r =>
        phases(r).flatMap(([phase, m]) => {
          if (!m)
            return [[dbName(r), phase, 'did not run', ...Array(7).fill('–')]];
          const d = m.derivation;
          return [
            [
              dbName(r),
              phase,
              d.mode ?? 'not reported (inline)',
              num(m.accepted),
              num(m.accepted / m.seconds),
              num(d.backlogAtAnswer),
              d.drained
                ? num(d.drainSeconds, 2)
                : `not drained in ${num(d.drainSeconds)} s (${num(
                    d.backlog,
                  )} left)`,
              num(m.accepted / d.seconds),
              d.failedInPhase ? `**${num(d.failedInPhase)}**` : '0',
              `${num(d.polls)} (${num(d.pollMs, 1)})`,
            ],
          ];
        }),
      ),
    ),
    '',
    'Cost per accepted event, over the same windows (a service phase until its backlog was derived, so deferred derivation is counted): SQL statements (BEGIN and COMMIT included) and CPU time in ms; "busy" is the share of one core the service process used over the window. For the service, "client" is the benchmark process sending (and polling the derivation state); for the floor, it is the benchmark process writing the rows (with SQLite, SQLite itself runs there). PostgreSQL sessions: mean number of the writer\'s sessions running a statement / waiting for a lock / idle in a transaction waiting for the client / waiting on I/O or a commit flush.',
    '',
    table(
      [
        'Database',
        'Phase',
        'Writer',
        'SQL statements/event',
        'Service CPU ms/event',
        'Service busy',
        'PostgreSQL CPU ms/event',
        'Client CPU ms/event',
        'PostgreSQL sessions: running / lock / client / I/O',
      ],
      results.flatMap(r =>
        phases(r)
          .flatMap(([phase, service, floor]) => [
            /** @type {const} */ ([phase, 'service', service]),
            /** @type {const} */ ([phase, 'floor', floor]),
          ])
          .map(([phase, writer, m]) =>
            m
              ? [
                  dbName(r),
                  phase,
                  writer,
                  num(m.statementsPerEvent, 2),
                  num(m.cpu.serviceMs, 2),
                  m.cpu.serviceBusy === undefined
                    ? '–'
                    : `${num(m.cpu.serviceBusy * 100)}%`,
                  num(m.cpu.databaseMs, 2),
                  num(m.cpu.clientMs, 2),
                  m.sessions
                    ? [
                        m.sessions.running,
                        m.sessions.lock,
                        m.sessions.service,
                        m.sessions.io,
                      ]
                        .map(v => num(v, 1))
                        .join(' / ')
                    : '–',
                ]
              : [dbName(r), phase, writer, ...Array(6).fill('–')],
          ),
      ),
    ),
    '',
  );
  for (const r of results) {
    const errors = [...r.batch.errors, ...(r.single?.errors ?? [])];
    lines.push(
      `- ${r.version}: accepted ${num(r.batch.accepted)} of ${num(
        r.batch.sent,
      )} batch and ${num(r.single?.accepted ?? 0)} of ${num(
        r.single?.sent ?? 0,
      )} single events; largest batch body ${num(
        r.batch.largestBody / 2 ** 20,
        1,
      )} MiB; stored ${num(r.counts.rawEvents)} raw events, ${num(
        r.counts.deadLetters,
      )} dead letters, ${num(r.counts.endpoints)} endpoints, ${num(
        r.counts.schemaVersions,
      )} schema versions, ${num(r.counts.workflows)} workflows, ${num(
        r.counts.runs,
      )} runs, ${num(r.counts.partitions)} partitions, ${num(
        r.counts.lineageEdges,
      )} lineage edges; the floor wrote ${num(
        r.floor.sharedRows,
      )} shared-entity and ${num(
        r.floor.runRows,
      )} run rows besides the raw events${
        r.resent
          ? `; ${r.resent} requests resent after a stale keep-alive socket`
          : ''
      }${
        r.throttled
          ? `; ${r.throttled} requests waited out a 503 with Retry-After (the derivation queue was full) and were sent again`
          : ''
      }${
        errors.length ? `; ${errors.length} errors, first: ${errors[0]}` : ''
      }`,
    );
  }
  for (const r of results) {
    if (!r.rss) continue;
    lines.push(
      `- ${dbName(
        r,
      )} service RSS, peak of each tenth of the batch phase (by events accepted; sampling goes on until the backlog was derived, so those samples fall in the last tenth), MiB: ${r.rss.tenths
        .map(v => mib(v || undefined))
        .join(', ')}`,
    );
  }
  for (const f of failures) lines.push(`- FAILED: ${f}`);
  for (const r of results) {
    if (!r.profile) continue;
    for (const [phase, p] of Object.entries(r.profile)) {
      lines.push(
        '',
        `### CPU profile of the service, ${dbName(r)}, ${phase} phase (${num(
          p.busySeconds,
          1,
        )} s busy of ${num(p.seconds, 1)} s sampled)`,
        '',
        table(
          ['Stage', 'CPU s', 'Share of busy'],
          p.stages.map(st => [
            st.name,
            num(st.seconds, 2),
            `${num(st.share * 100, 1)}%`,
          ]),
        ),
        '',
        table(
          ['Hottest functions (self time)', 'CPU s', 'Share of busy'],
          p.functions.map(fn => [
            `\`${fn.name}\``,
            num(fn.seconds, 2),
            `${num(fn.share * 100, 1)}%`,
          ]),
        ),
      );
    }
  }
  lines.push(
    '',
    'Targets come from the issue, assume this 2-core machine and are about what producers see (accepted events/s); derived events/s is the end-to-end figure. They are printed for reference only. Timing on a shared machine is noisy: compare the ratios to the floor, measured minutes apart on the same machine.',
    '',
  );
  return lines.join('\n');
}

const startLoad = loadAverage();
mkdirSync(resultsDir, { recursive: true });
if (settings.cpuProfile) mkdirSync(profilesDir, { recursive: true });

/** @type {Result[]} */
const results = [];
/** @type {string[]} */
const failures = [];
for (const kind of settings.databases) {
  if (aborted) break;
  try {
    const result = await runDatabase(
      /** @type {'postgres' | 'sqlite'} */ (kind),
    );
    results.push(result);
    failures.push(...result.problems.map(p => `${kind}: ${p}`));
  } catch (error) {
    log(`${kind} failed: ${error instanceof Error ? error.stack : error}`);
    failures.push(`${kind}: ${error instanceof Error ? error.message : error}`);
  }
}
const markdown = prettify(render(results, failures, startLoad), 'markdown');
writeFileSync(join(resultsDir, 'ingest.md'), markdown);
// The same figures as data, for comparing runs; latencies as percentiles.
const latencySummary = (/** @type {Float64Array} */ l) => {
  const [p50, p95, p99] = percentiles(l, [50, 95, 99]);
  return { p50, p95, p99 };
};
writeFileSync(
  join(resultsDir, 'ingest.json'),
  prettify(
    JSON.stringify(
      {
        settings,
        results: results.map(r => ({
          ...r,
          single: r.single && {
            ...r.single,
            latencies: latencySummary(r.single.latencies ?? new Float64Array()),
          },
          floor: {
            ...r.floor,
            batch: {
              ...r.floor.batch,
              latencies: latencySummary(r.floor.batch.latencies),
            },
            single: {
              ...r.floor.single,
              latencies: latencySummary(r.floor.single.latencies),
            },
          },
        })),
        failures,
      },
      null,
      2,
    ),
    'json',
  ),
);
console.log(markdown);
process.exitCode = failures.length || aborted ? 1 : 0;
