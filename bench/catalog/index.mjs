// @ts-check
// yarn bench:catalog — the data platform in the Backstage catalog and in
// search, on PostgreSQL, at platform scale (100k endpoints, 40k workflows
// by default):
//
// 1. Baseline: the catalog alone processing as many plain API and
//    Component entities from a static `file` location (generated YAML).
// 2. Full sync: the catalog with the data platform's entity provider over
//    the metadata service's store (loaded in bulk): time until the catalog
//    has every endpoint and workflow as a processed entity, and the peak
//    memory of the process the provider runs in.
// 3. Delta: 100 endpoints changed through ingestion (an OpenLineage
//    DatasetEvent each, a new description); time until all 100 show the
//    change in the catalog.
// 4. Collator: search on PostgreSQL with the data platform's collator:
//    time until the index holds every endpoint and workflow, and the
//    process's peak memory.
//
// Each phase runs its own backend process (bench/catalog/service.cjs) so
// that its memory is its own. The figures read only public behaviour (the
// catalog's and search's tables and APIs), whatever the provider does
// inside. Settings are environment variables; see bench/README.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPgDatabase,
  dropPgDatabase,
  migrate,
  openKnex,
  pgVersion,
  postgres,
} from '../lib/databases.mjs';
import { root, rssBytes, startService } from '../lib/process.mjs';
import {
  loadAverage,
  machine,
  num,
  prettify,
  revision,
} from '../lib/report.mjs';
import {
  endpointIdentity,
  loadStore,
  platformOf,
  writeBaselineFiles,
} from './platform.mjs';

const env = process.env;
const settings = {
  endpoints: Number(env.BENCH_CATALOG_ENDPOINTS ?? 100_000),
  changed: Number(env.BENCH_CATALOG_CHANGED ?? 100),
  seed: Number(env.BENCH_SEED ?? 42),
  phaseSeconds: Number(env.BENCH_PHASE_TIMEOUT_S ?? 3600),
  logLevel: env.BENCH_LOG_LEVEL ?? 'info',
  phases: (env.BENCH_CATALOG_PHASES ?? 'baseline,provider,delta,collator')
    .split(',')
    .filter(Boolean),
};
const resultsDir = join(root, 'bench/results');
const token = randomBytes(24).toString('hex');
const run = `bench_catalog_${process.pid}`;
const names = {
  store: `${run}_dp`,
  baseline: `${run}_base_catalog`,
  catalog: `${run}_catalog`,
  search: `${run}_search`,
};

function log(/** @type {string} */ message) {
  console.error(`[bench:catalog ${new Date().toISOString()}] ${message}`);
}

const sleep = (/** @type {number} */ ms) =>
  new Promise(resolve => setTimeout(resolve, ms));

/** Samples a process's RSS every 250 ms until stopped. */
function sampleMemory(/** @type {number} */ pid) {
  const start = rssBytes(pid) ?? 0;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid) ?? 0);
  }, 250);
  return {
    start,
    stop: () => {
      clearInterval(timer);
      return { start, peak: Math.max(peak, rssBytes(pid) ?? 0) };
    },
  };
}

/**
 * Polls `read` every `intervalMs` until `done(value)`, for at most the
 * phase timeout; resolves with the seconds it took and the last value.
 *
 * @template T
 * @param {string} what
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} done
 * @param {{ intervalMs?: number, onValue?: (value: T, seconds: number) => void }} [options]
 */
async function until(what, read, done, options = {}) {
  const t0 = performance.now();
  const deadline = Date.now() + settings.phaseSeconds * 1000;
  let lastLog = 0;
  for (;;) {
    const value = await read();
    const seconds = (performance.now() - t0) / 1000;
    options.onValue?.(value, seconds);
    if (done(value)) return { seconds, value };
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not done after ${settings.phaseSeconds} s (${JSON.stringify(
          value,
        )})`,
      );
    }
    if (seconds - lastLog >= 30) {
      lastLog = seconds;
      log(`${what}: ${JSON.stringify(value)} after ${num(seconds)} s`);
    }
    await sleep(options.intervalMs ?? 500);
  }
}

/**
 * The catalog's API and Component entities: known (in its refresh state,
 * as a provider or location delivered them) and processed (stitched into
 * a final entity, what the catalog's API serves).
 *
 * @param {import('knex').Knex} db
 */
async function catalogCounts(db) {
  const { rows } = await db.raw(`
    SELECT count(*)::int AS known,
      count(f.final_entity)::int AS processed
    FROM refresh_state r LEFT JOIN final_entities f USING (entity_id)
    WHERE r.entity_ref LIKE 'api:%' OR r.entity_ref LIKE 'component:%'`);
  return rows[0];
}

const catalogConfig = (/** @type {object} */ extra) => ({
  app: { baseUrl: 'http://localhost:3000' },
  catalog: {
    rules: [{ allow: ['Component', 'API', 'Location'] }],
    ...extra,
  },
});

/**
 * Waits until the catalog has processed `target` API and Component
 * entities, sampling the process's memory; the time runs from `t0`.
 *
 * @param {import('knex').Knex} db @param {number} pid @param {number} target
 */
async function timeProcessing(db, pid, target) {
  const memory = sampleMemory(pid);
  /** @type {number | undefined} */
  let knownAt;
  const { seconds } = await until(
    'processing',
    () => catalogCounts(db),
    c => c.processed >= target,
    {
      onValue: (c, s) => {
        if (knownAt === undefined && c.known >= target) knownAt = s;
      },
    },
  );
  return { seconds, knownSeconds: knownAt ?? seconds, memory: memory.stop() };
}

/** @param {object} database */
function dbConfig(database) {
  return {
    client: 'pg',
    connection: { ...postgres },
    plugin: database,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-catalog-'));
  const results = /** @type {Record<string, any>} */ ({});
  const timings = /** @type {Record<string, number>} */ ({});
  let failure;
  /** @type {Awaited<ReturnType<typeof startService>> | undefined} */
  let service;
  try {
    log(`generating a platform of ${num(settings.endpoints)} endpoints`);
    let t0 = performance.now();
    const platform = platformOf(settings);
    const sizes = {
      endpoints: platform.endpointCount,
      workflows: platform.workflowCount,
    };
    const target = sizes.endpoints + sizes.workflows;
    timings.generate = (performance.now() - t0) / 1000;

    await createPgDatabase(names.store);
    const store = openKnex({ kind: 'postgres', database: names.store });
    try {
      t0 = performance.now();
      await migrate(store);
      log('loading the metadata store');
      const loaded = await loadStore(store, platform);
      timings.load = (performance.now() - t0) / 1000;
      results.loaded = loaded.counts;
    } finally {
      await store.destroy();
    }
    log(
      `loaded ${num(sizes.endpoints)} endpoints and ${num(
        sizes.workflows,
      )} workflows in ${num(timings.load, 1)} s`,
    );

    if (settings.phases.includes('baseline')) {
      const files = writeBaselineFiles(join(dir, 'baseline'), sizes);
      await createPgDatabase(names.baseline);
      log(`baseline: ${num(target)} plain entities in ${files.files} files`);
      service = await startService({
        dir,
        name: 'catalog-baseline',
        script: join(root, 'bench/catalog/service.cjs'),
        env: { BENCH_CATALOG_FEATURES: 'catalog' },
        database: dbConfig({
          catalog: { connection: { database: names.baseline } },
        }),
        token,
        logLevel: settings.logLevel,
        config: catalogConfig({
          locations: [{ type: 'file', target: files.target }],
        }),
      });
      const db = openKnex({ kind: 'postgres', database: names.baseline });
      try {
        results.baseline = await timeProcessing(db, service.pid, target);
      } finally {
        await db.destroy();
        await service.stop();
        service = undefined;
        await dropPgDatabase(names.baseline);
      }
      log(`baseline: processed in ${num(results.baseline.seconds, 1)} s`);
    }

    if (settings.phases.includes('provider')) {
      await createPgDatabase(names.catalog);
      service = await startService({
        dir,
        name: 'catalog-provider',
        script: join(root, 'bench/catalog/service.cjs'),
        env: { BENCH_CATALOG_FEATURES: 'catalog,data-platform,provider' },
        database: dbConfig({
          catalog: { connection: { database: names.catalog } },
          'data-platform': { connection: { database: names.store } },
        }),
        token,
        logLevel: settings.logLevel,
        config: catalogConfig({
          providers: {
            dataPlatform: {
              // One run at start; the delta phase triggers the next.
              schedule: {
                frequency: { hours: 24 },
                timeout: { hours: 3 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        }),
      });
      const db = openKnex({ kind: 'postgres', database: names.catalog });
      try {
        log(`full sync: ${num(target)} entities`);
        results.provider = await timeProcessing(db, service.pid, target);
        log(`full sync: processed in ${num(results.provider.seconds, 1)} s`);
        if (settings.phases.includes('delta')) {
          results.delta = await delta(service, db, platform);
          log(`delta: visible in ${num(results.delta.visibleSeconds, 1)} s`);
        }
      } finally {
        await db.destroy();
        await service.stop();
        service = undefined;
        await dropPgDatabase(names.catalog);
      }
    }

    if (settings.phases.includes('collator')) {
      await createPgDatabase(names.search);
      service = await startService({
        dir,
        name: 'search-collator',
        script: join(root, 'bench/catalog/service.cjs'),
        env: { BENCH_CATALOG_FEATURES: 'data-platform,collator' },
        database: dbConfig({
          search: { connection: { database: names.search } },
          'data-platform': { connection: { database: names.store } },
        }),
        token,
        logLevel: settings.logLevel,
        config: {
          search: {
            collators: {
              dataPlatform: {
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { hours: 3 },
                  initialDelay: { seconds: 1 },
                },
              },
            },
          },
        },
      });
      const db = openKnex({ kind: 'postgres', database: names.search });
      const memory = sampleMemory(service.pid);
      try {
        log(`collator: indexing ${num(target)} documents`);
        const { seconds } = await until(
          'indexing',
          async () => {
            // The table appears with the search plugin's migrations.
            const { rows } = await db.raw(
              "SELECT count(*)::int AS n FROM documents WHERE type = 'data-platform'",
            );
            return rows[0].n;
          },
          n => n >= target,
          { intervalMs: 1000 },
        );
        results.collator = {
          seconds,
          memory: memory.stop(),
          documents: target,
        };
      } finally {
        memory.stop();
        await db.destroy();
        await service.stop();
        service = undefined;
        await dropPgDatabase(names.search);
      }
      log(`collator: indexed in ${num(results.collator.seconds, 1)} s`);
    }
    results.sizes = sizes;
  } catch (error) {
    failure = error;
    log(`FAILED: ${error instanceof Error ? error.stack : error}`);
  } finally {
    await service?.stop();
    for (const name of Object.values(names)) {
      await dropPgDatabase(name).catch(() => {});
    }
    rmSync(dir, { recursive: true, force: true });
  }
  await report(results, timings, failure);
  process.exitCode = failure ? 1 : 0;
}

/**
 * Changes `settings.changed` endpoints through ingestion (a DatasetEvent
 * each, with a new description), waits until they are derived, has the
 * provider's scheduled tasks run (triggered through the scheduler's API,
 * once each, after the change) and times until every changed endpoint's
 * API entity in the catalog has the new description.
 *
 * @param {NonNullable<Awaited<ReturnType<typeof startService>>>} service
 * @param {import('knex').Knex} db
 * @param {ReturnType<typeof platformOf>} platform
 */
async function delta(service, db, platform) {
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  const description = `bench delta ${randomBytes(6).toString('hex')}`;
  const step = Math.max(
    1,
    Math.floor(platform.endpointCount / settings.changed),
  );
  const events = [];
  for (let i = 0; i < settings.changed; i++) {
    const { namespace, name } = endpointIdentity(platform, i * step);
    events.push({
      eventTime: new Date().toISOString(),
      producer: 'https://example.com/bench-catalog',
      schemaURL:
        'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: {
        namespace,
        name,
        facets: {
          documentation: {
            _producer: 'https://example.com/bench-catalog',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-0-1/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet',
            description,
          },
        },
      },
    });
  }
  const api = `${service.url}/api/data-platform`;
  const t0 = performance.now();
  const res = await fetch(`${api}/v1/lineage/batch`, {
    method: 'POST',
    headers,
    body: JSON.stringify(events),
  });
  if (!res.ok) {
    throw new Error(`delta ingestion: ${res.status} ${await res.text()}`);
  }
  await until(
    'delta derivation',
    async () => {
      const queue = await fetch(`${api}/v1/derivation`, { headers });
      return /** @type {{ backlog: number, failed: number }} */ (
        await queue.json()
      );
    },
    q => {
      if (q.failed > 0) throw new Error(`${q.failed} delta events failed`);
      return q.backlog === 0;
    },
    { intervalMs: 100 },
  );
  const derivedSeconds = (performance.now() - t0) / 1000;

  // Every task of the provider's (none of the catalog's own), each once
  // it is not running: a run that started before the change may have read
  // the endpoints already.
  const scheduler = `${service.url}/api/catalog/.backstage/scheduler/v1/tasks`;
  const list = await fetch(scheduler, { headers });
  const { tasks } = /** @type {{ tasks: { taskId: string }[] }} */ (
    await list.json()
  );
  const ours = tasks
    .map(task => task.taskId)
    .filter(id => /data-?platform/i.test(id));
  for (const id of ours) {
    await until(
      `trigger ${id}`,
      async () =>
        (
          await fetch(`${scheduler}/${encodeURIComponent(id)}/trigger`, {
            method: 'POST',
            headers,
          })
        ).status,
      status => status === 200,
      { intervalMs: 200 },
    );
  }
  const memory = sampleMemory(service.pid);
  const { value } = await until(
    'delta visible',
    async () => {
      const { rows } = await db.raw(
        "SELECT count(*)::int AS n FROM search WHERE key = 'metadata.description' AND value = ?",
        [description.toLocaleLowerCase('en-US')],
      );
      return rows[0].n;
    },
    n => n >= settings.changed,
    { intervalMs: 250 },
  );
  return {
    changed: value,
    tasks: ours,
    derivedSeconds,
    visibleSeconds: (performance.now() - t0) / 1000,
    memory: memory.stop(),
  };
}

const mib = (/** @type {number} */ bytes) => num(bytes / 2 ** 20);

/**
 * @param {Record<string, any>} r @param {Record<string, number>} timings
 * @param {unknown} failure
 */
async function report(r, timings, failure) {
  const version = await pgVersion().catch(() => 'unknown');
  const sizes = r.sizes ?? { endpoints: settings.endpoints, workflows: NaN };
  const total = sizes.endpoints + sizes.workflows;
  const rate = (/** @type {number} */ s) => `${num(total / s)} entities/s`;
  const ratio = (/** @type {number} */ a, /** @type {number} */ b) =>
    a && b ? `${num(a / b, 2)}×` : '—';
  const lines = [
    '# Catalog and search at platform scale',
    '',
    failure
      ? `**FAILED**: ${failure instanceof Error ? failure.message : failure}`
      : '',
    '',
    `- Machine: ${machine()}; load average ${loadAverage()}; PostgreSQL ${version}`,
    `- Commit ${revision()}; ${new Date().toISOString()}`,
    `- Platform: ${num(sizes.endpoints)} endpoints, ${num(
      sizes.workflows,
    )} workflows (seed ${settings.seed}); store loaded in bulk in ${num(
      timings.load ?? NaN,
      1,
    )} s`,
    '',
  ];
  if (r.baseline || r.provider) {
    lines.push(
      '## Full sync against the baseline',
      '',
      'Time from the backend reporting ready until the catalog had every',
      'entity known (in its refresh state) and processed (a final entity, what',
      "its API serves); memory is the backend process's resident set, sampled",
      'every 250 ms, when ready and at its peak. The baseline is the same',
      'catalog reading as many plain API and Component entities from a static',
      '`file` location (YAML files of 1,000 entities) in the same run.',
      '',
      '| Phase | Entities | Known after | Processed after | Rate | RSS ready → peak (MiB) |',
      '| ----- | -------: | ----------: | --------------: | ---: | ---------------------: |',
    );
  }
  for (const [name, label] of [
    ['baseline', 'Baseline: static location'],
    ['provider', 'Data platform provider'],
  ]) {
    const p = r[name];
    if (!p) continue;
    lines.push(
      `| ${label} | ${num(total)} | ${num(p.knownSeconds, 1)} s | ${num(
        p.seconds,
        1,
      )} s | ${rate(p.seconds)} | ${mib(p.memory.start)} → ${mib(
        p.memory.peak,
      )} |`,
    );
  }
  if (r.baseline && r.provider) {
    lines.push(
      '',
      `Provider ÷ baseline: ${ratio(
        r.provider.seconds,
        r.baseline.seconds,
      )} the time, ${ratio(
        r.provider.memory.peak,
        r.baseline.memory.peak,
      )} the peak memory.`,
    );
  }
  if (r.delta) {
    lines.push(
      '',
      '## Delta',
      '',
      `${num(r.delta.changed)} endpoints given a new description through`,
      'ingestion (one OpenLineage DatasetEvent each, one batch request), then',
      `the provider's tasks (${r.delta.tasks.join(', ') || 'none found'})`,
      'triggered through the scheduler API once derived. Time from the',
      'request until every changed API entity in the catalog has the new',
      "description (the catalog's search table, polled every 250 ms). Add the",
      "provider's schedule interval for a change nobody triggers a run for.",
      '',
      '| Derived after | Visible in the catalog after | RSS during (peak) |',
      '| ------------: | ---------------------------: | ----------------: |',
      `| ${num(r.delta.derivedSeconds, 2)} s | ${num(
        r.delta.visibleSeconds,
        1,
      )} s | ${mib(r.delta.memory.peak)} MiB |`,
    );
  }
  if (r.collator) {
    lines.push(
      '',
      '## Collator',
      '',
      "Search on PostgreSQL (`search-backend-module-pg`) with the data platform's",
      'collator alone, in its own backend process with the metadata service:',
      'time from ready until the index holds every endpoint and workflow',
      '(the engine swaps a run’s documents in at its end).',
      '',
      '| Documents | Indexed after | Rate | RSS ready → peak (MiB) |',
      '| --------: | ------------: | ---: | ---------------------: |',
      `| ${num(r.collator.documents)} | ${num(r.collator.seconds, 1)} s | ${num(
        r.collator.documents / r.collator.seconds,
      )} docs/s | ${mib(r.collator.memory.start)} → ${mib(
        r.collator.memory.peak,
      )} |`,
    );
  }
  lines.push(
    '',
    'RSS includes the TypeScript transpiler the require hook loads (the',
    'backends run from sources); compare the phases with each other.',
  );
  const markdown = prettify(lines.join('\n'), 'markdown');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'catalog.md'), markdown);
  writeFileSync(
    join(resultsDir, 'catalog.json'),
    JSON.stringify({ settings, timings, ...r }, null, 2),
  );
  console.log(markdown);
}

await main();
