// @ts-check
// yarn bench:lineage — how fast GET /v1/lineage answers a depth-3 `both`
// query on simulated platforms of 10k, 100k and 1M endpoints in
// PostgreSQL, and whether its time depends on the neighbourhood returned
// rather than on the size of the graph.
//
// Per size: a fresh database, the plugin's migrations, the platform's
// derived rows loaded in bulk (bench/lineage/load.mjs), VACUUM ANALYZE; then the
// real service started on it, warmed up, and a few hundred focus nodes
// queried one request at a time, each next to a same-run baseline: the
// focus's own detail read (GET /v1/endpoints/{id} or /v1/workflows/{id})
// through the same HTTP stack. At the largest size the SQL the service
// sends for one focus is captured and EXPLAINed (ANALYZE, BUFFERS).
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
import { prng } from '../ingest/generator.mjs';
import {
  createPgDatabase,
  dropPgDatabase,
  migrate,
  openKnex,
  pgVersion,
  postgres,
} from '../lib/databases.mjs';
import { createClient } from '../lib/http.mjs';
import { root, startService } from '../lib/process.mjs';
import {
  loadAverage,
  machine,
  num,
  percentiles,
  prettify,
  ratio,
  revision,
  table,
} from '../lib/report.mjs';
import { checkLoaded, loadPlatform } from './load.mjs';
import {
  computeIds,
  expectedCurrentEdges,
  generatePlatform,
} from './platform.mjs';

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

const sizes = (process.env.BENCH_LINEAGE_SIZES ?? '10000,100000,1000000')
  .split(',')
  .map(s => Number(s.trim().replace(/_/g, '')))
  .filter(Boolean);
for (const s of sizes) {
  if (!Number.isInteger(s) || s < 1000) {
    throw new Error(`BENCH_LINEAGE_SIZES: ${s} is not a size ≥ 1000`);
  }
}
const settings = {
  sizes,
  samples: intEnv('BENCH_LINEAGE_SAMPLES', 300),
  wideRepeats: intEnv('BENCH_LINEAGE_WIDE_REPEATS', 5),
  warmup: intEnv('BENCH_LINEAGE_WARMUP', 200, 0),
  depth: intEnv('BENCH_LINEAGE_DEPTH', 3),
  olderRuns: intEnv('BENCH_LINEAGE_OLDER_RUNS', 2, 0),
  seed: intEnv('BENCH_SEED', 42, 0),
  explainSize: intEnv('BENCH_LINEAGE_EXPLAIN_SIZE', Math.max(...sizes)),
  phaseSeconds: intEnv('BENCH_PHASE_TIMEOUT_S', 600),
  keepDatabases: process.env.BENCH_LINEAGE_KEEP_DB === '1',
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
};

const resultsDir = join(root, 'bench/results');
const token = randomBytes(24).toString('base64url');
const LINEAGE_PATH = '/api/data-platform/v1/lineage';
const MAX_ERRORS = 20;

let aborted = false;
process.once('SIGINT', () => {
  aborted = true;
  log('interrupted: finishing the request in flight, then cleaning up');
});

/** @param {string} message */
function log(message) {
  const time = new Date().toISOString().slice(11, 19);
  console.error(`[bench:lineage ${time}] ${message}`);
}

/**
 * @typedef {'raw endpoint' | 'derived endpoint' | 'workflow' | 'wide endpoint'} FocusKind
 * @typedef {{ id: string, kind: FocusKind, readers?: number }} Focus
 * @typedef {{
 *   focus: Focus,
 *   ms: number,
 *   baselineMs: number,
 *   nodes: number,
 *   edges: number,
 *   truncated: boolean,
 *   omitted: number,
 *   degree: number,
 * }} Sample
 */

/**
 * Focus nodes spread over the graph: half endpoints, half workflows, chosen
 * uniformly (so raw and derived endpoints in the platform's proportions),
 * and the wide nodes apart.
 *
 * @param {import('./platform.mjs').Platform} p @param {number} count
 * @param {number} salt
 * @returns {Focus[]}
 */
function sampleFoci(p, count, salt) {
  const rng = prng(settings.seed * 7 + salt);
  const hubs = new Set(p.hubs.map(h => h.endpoint));
  /** @type {Focus[]} */
  const foci = [];
  const seen = new Set();
  while (foci.length < count) {
    if (foci.length % 2 === 0) {
      const e = Math.floor(rng() * p.endpointCount);
      if (hubs.has(e) || seen.has(`e${e}`)) continue;
      seen.add(`e${e}`);
      foci.push({
        id: p.endpointIds[e],
        kind: p.producer[e] < 0 ? 'raw endpoint' : 'derived endpoint',
        readers: p.readers[e],
      });
    } else {
      const w = Math.floor(rng() * p.workflowCount);
      if (seen.has(`w${w}`)) continue;
      seen.add(`w${w}`);
      foci.push({ id: p.workflowIds[w], kind: 'workflow' });
    }
  }
  return foci;
}

/** @param {Focus} focus */
const lineagePath = focus =>
  `${LINEAGE_PATH}?id=${encodeURIComponent(focus.id)}&direction=both&depth=${
    settings.depth
  }`;
/** @param {Focus} focus */
const baselinePath = focus =>
  `/api/data-platform/v1/${
    focus.kind === 'workflow' ? 'workflows' : 'endpoints'
  }/${encodeURIComponent(focus.id)}`;

/**
 * One focus: the lineage query and the baseline read, in alternating order
 * so that drifts in the machine's load touch both alike.
 *
 * @param {ReturnType<typeof createClient>} client @param {Focus} focus
 * @param {boolean} baselineFirst
 * @returns {Promise<Sample>}
 */
async function measureFocus(client, focus, baselineFirst) {
  const timedGet = async (/** @type {string} */ path) => {
    const t0 = performance.now();
    const res = await client.get(path);
    const ms = performance.now() - t0;
    if (res.status !== 200) {
      throw new Error(`GET ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    }
    return { ms, body: res.body };
  };
  let baseline;
  if (baselineFirst) baseline = await timedGet(baselinePath(focus));
  const lineage = await timedGet(lineagePath(focus));
  if (!baselineFirst) baseline = await timedGet(baselinePath(focus));
  /** @type {import('@data-platform/plugin-data-platform-common').LineageGraph} */
  const graph = JSON.parse(lineage.body);
  let omitted = 0;
  // Every neighbour of every returned node, shown or only counted: what
  // the fan-out totals make the database look at.
  let degree = 0;
  for (const n of graph.nodes) {
    omitted += (n.upstream?.omitted ?? 0) + (n.downstream?.omitted ?? 0);
    degree += (n.upstream?.total ?? 0) + (n.downstream?.total ?? 0);
  }
  return {
    focus,
    ms: lineage.ms,
    baselineMs: /** @type {{ ms: number }} */ (baseline).ms,
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    truncated: Boolean(graph.truncated),
    omitted,
    degree,
  };
}

/**
 * @param {ReturnType<typeof createClient>} client @param {Focus[]} foci
 * @param {number} deadline
 */
async function measureAll(client, foci, deadline) {
  /** @type {Sample[]} */
  const samples = [];
  /** @type {string[]} */
  const errors = [];
  for (let i = 0; i < foci.length; i++) {
    if (aborted || Date.now() > deadline || errors.length >= MAX_ERRORS) break;
    try {
      samples.push(await measureFocus(client, foci[i], i % 2 === 0));
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { samples, errors };
}

/**
 * The statements the service sends for one focus, each EXPLAINed with
 * ANALYZE and BUFFERS on the same database with the same parameters.
 *
 * @param {Awaited<ReturnType<typeof startService>>} service
 * @param {ReturnType<typeof createClient>} client
 * @param {import('knex').Knex} knex @param {Focus} focus
 */
async function explainFocus(service, client, knex, focus) {
  await service.snapshot();
  const t0 = performance.now();
  const res = await client.get(lineagePath(focus));
  const ms = performance.now() - t0;
  const queries = (await service.snapshot())?.queries ?? [];
  const graph = res.status === 200 ? JSON.parse(res.body) : undefined;
  /** @type {{ text: string, values: unknown[], ms?: number, plan: string }[]} */
  const plans = [];
  const connection = await knex.client.acquireConnection();
  try {
    for (const q of queries) {
      if (!/^\s*(select|with)\b/i.test(q.text)) continue;
      const { rows } = await connection.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${q.text}`,
        q.values ?? [],
      );
      plans.push({
        text: q.text,
        values: q.values ?? [],
        ms: q.ms,
        plan: rows.map((/** @type {any} */ r) => r['QUERY PLAN']).join('\n'),
      });
    }
  } finally {
    knex.client.releaseConnection(connection);
  }
  return {
    focus,
    status: res.status,
    ms,
    nodes: graph?.nodes?.length,
    edges: graph?.edges?.length,
    statements: queries.length,
    statementMs: queries.reduce((sum, q) => sum + (q.ms ?? 0), 0),
    plans,
  };
}

/** @param {number} size */
async function runSize(size) {
  const dir = mkdtempSync(join(tmpdir(), `bench-lineage-${size}-`));
  const database = `bench_lineage_${size}_${process.pid}`;
  const timings = /** @type {Record<string, number>} */ ({});
  let service;
  try {
    log(`${num(size)} endpoints: generating the platform`);
    let t0 = performance.now();
    const platform = generatePlatform({
      endpoints: size,
      seed: settings.seed,
      olderRuns: settings.olderRuns,
    });
    computeIds(platform);
    timings.generate = (performance.now() - t0) / 1000;

    await createPgDatabase(database);
    const knex = openKnex({ kind: 'postgres', database });
    let tables;
    let check;
    try {
      t0 = performance.now();
      await migrate(knex);
      timings.migrate = (performance.now() - t0) / 1000;
      log(`${num(size)} endpoints: loading the derived tables`);
      t0 = performance.now();
      tables = await loadPlatform(knex, platform);
      timings.load = (performance.now() - t0) / 1000;
      check = await checkLoaded(knex);
      const expected = expectedCurrentEdges(platform);
      if (check.flagMismatches > 0) {
        throw new Error(
          `Loaded data break the current-edge rule: ${check.flagMismatches} edges whose current flag differs from the rule`,
        );
      }
      if (check.currentEdges !== expected) {
        throw new Error(
          `Loaded data break the current-edge rule: ${check.currentEdges} current edges in SQL, ${expected} generated`,
        );
      }
      const { rows } = await knex.raw(
        'select pg_database_size(current_database())::bigint as bytes',
      );
      timings.databaseBytes = Number(rows[0].bytes);
      log(
        `${num(size)} endpoints: loaded in ${num(timings.load, 1)} s (${num(
          check.counts.run_io,
        )} run_io, ${num(check.counts.lineage_edges)} lineage_edges rows)`,
      );

      log(`${num(size)} endpoints: starting the service`);
      service = await startService({
        dir,
        name: `service-lineage-${size}`,
        database: {
          client: 'pg',
          connection: { ...postgres },
          plugin: { 'data-platform': { connection: { database } } },
        },
        token,
        logLevel: settings.logLevel,
        env: { BENCH_CAPTURE_SQL: '1' },
      });
      const client = createClient({
        baseUrl: service.url,
        token,
        sockets: 1,
      });
      const deadline = Date.now() + settings.phaseSeconds * 1000;
      try {
        log(`warming up: ${settings.warmup} focus nodes`);
        const warm = await measureAll(
          client,
          sampleFoci(platform, settings.warmup, 1),
          deadline,
        );
        if (warm.errors.length && !warm.samples.length) {
          throw new Error(`Warm-up failed: ${warm.errors[0]}`);
        }
        log(`measuring: ${settings.samples} focus nodes`);
        const measured = await measureAll(
          client,
          sampleFoci(platform, settings.samples, 2),
          deadline,
        );
        const wideFoci = platform.hubs.flatMap(h =>
          Array.from({ length: settings.wideRepeats }, () => ({
            id: platform.endpointIds[h.endpoint],
            kind: /** @type {FocusKind} */ ('wide endpoint'),
            readers: h.readers,
          })),
        );
        log(`measuring: ${platform.hubs.length} wide nodes`);
        const wide = await measureAll(client, wideFoci, deadline);

        let explain;
        if (size === settings.explainSize && measured.samples.length) {
          // A typical focus: the one whose neighbourhood is the median's.
          const bySize = [...measured.samples].sort(
            (a, b) => a.nodes + a.edges - (b.nodes + b.edges),
          );
          const typical = bySize[Math.floor(bySize.length / 2)].focus;
          log('capturing and explaining the SQL of one typical focus');
          explain = [await explainFocus(service, client, knex, typical)];
          if (wide.samples.length) {
            explain.push(
              await explainFocus(service, client, knex, wide.samples[0].focus),
            );
          }
        }
        return {
          size,
          platform: {
            endpoints: platform.endpointCount,
            workflows: platform.workflowCount,
            rawEndpoints: platform.rawCount,
            hubs: platform.hubs.map(h => ({
              id: platform.endpointIds[h.endpoint],
              readers: h.readers,
            })),
          },
          tables,
          counts: check.counts,
          currentEdges: check.currentEdges,
          timings,
          warmupErrors: warm.errors,
          measured,
          wide,
          explain,
          resent: client.retries(),
        };
      } finally {
        client.close();
      }
    } finally {
      if (service) {
        const exit = await service.stop();
        if (exit.code !== 0) {
          log(`the service exited with ${exit.code ?? exit.signal}`);
        }
      }
      await knex.destroy();
    }
  } finally {
    const serviceLog = join(dir, `service-lineage-${size}.log`);
    if (existsSync(serviceLog)) {
      copyFileSync(serviceLog, join(resultsDir, `service-lineage-${size}.log`));
    }
    if (settings.keepDatabases) log(`kept database ${database}`);
    else {
      await dropPgDatabase(database).catch(e =>
        log(`could not drop ${database}: ${e}`),
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @typedef {Awaited<ReturnType<typeof runSize>>} Result */

/** Neighbourhood size buckets (nodes + edges returned). */
const BUCKETS = [
  [1, 31],
  [32, 127],
  [128, 511],
  [512, 2047],
  [2048, Infinity],
];
const bucketName = (/** @type {number[]} */ [lo, hi]) =>
  hi === Infinity ? `≥ ${num(lo)}` : `${num(lo)}–${num(hi)}`;

/** @param {Sample[]} samples */
function summarize(samples) {
  const ms = samples.map(s => s.ms);
  const base = samples.map(s => s.baselineMs);
  const size = samples.map(s => s.nodes + s.edges);
  const [p50, p95, p99, max] = percentiles(ms, [50, 95, 99, 100]);
  const [b50, b95, b99] = percentiles(base, [50, 95, 99]);
  const [n50, n95, nmax] = percentiles(size, [50, 95, 100]);
  const [nodes50] = percentiles(
    samples.map(s => s.nodes),
    [50],
  );
  const [d50, d95] = percentiles(
    samples.map(s => s.degree),
    [50, 95],
  );
  return {
    count: samples.length,
    p50,
    p95,
    p99,
    max,
    b50,
    b95,
    b99,
    n50,
    n95,
    nmax,
    nodes50,
    d50,
    d95,
    truncated: samples.filter(s => s.truncated).length,
  };
}

/**
 * What a statement is, in a few words: a walk step, fan-out counts, or else
 * the table of its outermost FROM, and the column it looks up by.
 *
 * @param {string} sql
 */
const statementLabel = sql => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  // The outermost FROM: parentheses open subqueries.
  let depth = 0;
  let table = '';
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /^from\s+"?\w/i.test(flat.slice(i, i + 7))) {
      table = /^from\s+"?(\w+)/i.exec(flat.slice(i))?.[1] ?? '';
      break;
    }
  }
  const by =
    /\b(?:e|n|w)\.(\w+) IN \(/.exec(flat)?.[1] ??
    /\b(?:e|n|w)\.(\w+) = (?:\$|s\.)/.exec(flat)?.[1] ??
    /where "?(\w+)"? =/i.exec(flat)?.[1] ??
    '';
  // A walk step ranks (SQLite, as of) or pages by LATERAL (PostgreSQL).
  if (/ROW_NUMBER\(\)|CROSS JOIN LATERAL|\bAS rn\b/i.test(flat)) {
    return `walk step by ${by}`;
  }
  if (/COUNT\(\*\)(?: AS n\b| FROM lineage_edges .*\) AS n\b)/i.test(flat)) {
    return `fan-out counts by ${by}`;
  }
  return `${table || '?'} by ${by}`;
};

/** `IN ($1, $2, …, $689)` as `IN ($1 … $689)`. @param {string} sql */
const shortenSql = sql =>
  sql.replace(/\$(\d+)(?:, \$\d+)+, \$(\d+)/g, '$$$1 … $$$2');

/**
 * Plans repeat the bound id lists in full; the ids say nothing about the
 * plan, so long array literals are cut.
 *
 * @param {string} plan
 */
const shortenPlan = plan => plan.replace(/'\{([^}]{120})[^}]*\}'/g, "'{$1…}'");

/** @param {Result[]} results @param {string[]} failures @param {string} startLoad @param {string} version */
function render(results, failures, startLoad, version) {
  const s = settings;
  const lines = [
    '# Lineage query benchmark',
    '',
    `- Machine: ${machine()}; load average at the start ${startLoad}`,
    `- Date: ${new Date().toISOString()}; commit ${revision()}; PostgreSQL ${version}`,
    `- Query: \`GET /v1/lineage?id=…&direction=both&depth=${s.depth}\` over HTTP, one request at a time on a kept-alive connection, for ${s.samples} focus nodes per size (half endpoints, half workflows, uniformly) after ${s.warmup} warm-up focus nodes, and each wide node ${s.wideRepeats} times, reported apart`,
    '- Baseline: the same focus read through the same HTTP stack, in alternating order with the lineage query: `GET /v1/endpoints/{id}` (endpoint row plus its schema version, partitions count and latest partition, aliases and current producers and consumers) or `GET /v1/workflows/{id}`',
    `- Platform: the runtime simulator's shape (25% raw streams, workflows 40% of the endpoints count, three edges per endpoint, eight levels) plus wide nodes, self-reading workflows and run history, seed ${s.seed}; rows loaded in bulk, not ingested (see bench/README.md)`,
    '',
  ];
  const rows = [];
  for (const r of results) {
    const m = summarize(r.measured.samples);
    rows.push([
      num(r.size),
      num(m.count),
      num(m.p50, 1),
      num(m.p95, 1),
      num(m.p99, 1),
      num(m.max, 1),
      `${num(m.b50, 1)} / ${num(m.b99, 1)}`,
      `${ratio(m.p50, m.b50)} / ${ratio(m.p99, m.b99)}`,
      `${num(m.n50)} / ${num(m.n95)} / ${num(m.nmax)}`,
      `${num(m.d50)} / ${num(m.d95)}`,
      num(m.truncated),
      num(r.timings.generate + r.timings.migrate + r.timings.load, 0),
    ]);
  }
  lines.push(
    '## Depth-3 `both` queries, ordinary focus nodes',
    '',
    'Latency in ms. Targets (from the issue, for this 2-core machine): p50 < 20 ms, p99 < 100 ms; the 1M p50 within 2× of the 10k p50 for comparable neighbourhoods (table below).',
    '',
    table(
      [
        'Endpoints',
        'Foci',
        'p50',
        'p95',
        'p99',
        'max',
        'Baseline p50 / p99',
        'Lineage ÷ baseline p50 / p99',
        'Nodes + edges p50 / p95 / max',
        'Degree p50 / p95',
        'Truncated',
        'Generate + load, s',
      ],
      rows,
    ),
    '',
  );

  // By kind and the wide nodes.
  const kindRows = [];
  for (const r of results) {
    /** @type {Map<string, Sample[]>} */
    const byKind = new Map();
    for (const sample of [...r.measured.samples, ...r.wide.samples]) {
      const list = byKind.get(sample.focus.kind) ?? [];
      list.push(sample);
      byKind.set(sample.focus.kind, list);
    }
    for (const [kind, list] of byKind) {
      const m = summarize(list);
      kindRows.push([
        num(r.size),
        kind,
        num(m.count),
        num(m.p50, 1),
        num(m.p99, 1),
        num(m.max, 1),
        `${num(m.b50, 1)} / ${num(m.b99, 1)}`,
        ratio(m.p50, m.b50),
        `${num(m.nodes50)} / ${num(m.n50)} / ${num(m.nmax)}`,
        num(m.truncated),
      ]);
    }
  }
  lines.push(
    '## By kind of focus (wide endpoints: the hubs, each queried several times)',
    '',
    table(
      [
        'Endpoints',
        'Focus',
        'Requests',
        'p50',
        'p99',
        'max',
        'Baseline p50 / p99',
        'Lineage ÷ baseline p50',
        'Nodes p50 / nodes + edges p50 / max',
        'Truncated',
      ],
      kindRows,
    ),
    '',
  );
  for (const r of results) {
    lines.push(
      `- ${num(r.size)} endpoints: wide nodes ${r.platform.hubs
        .map(h => `${h.id} (${num(h.readers)} added readers)`)
        .join(', ')}`,
    );
  }
  lines.push('');

  // Same neighbourhood size, different graph sizes.
  const smallest = results[0];
  const largest = results[results.length - 1];
  /**
   * @param {(x: Sample) => number} measure
   * @param {string} title @param {string} intro
   */
  const bucketTable = (measure, title, intro) => {
    const bucketRows = [];
    for (const bucket of BUCKETS) {
      const p50Of = (/** @type {Result} */ r) => {
        const list = [...r.measured.samples, ...r.wide.samples].filter(x => {
          const n = measure(x);
          return n >= bucket[0] && n <= bucket[1];
        });
        const [p50] = percentiles(
          list.map(x => x.ms),
          [50],
        );
        return { count: list.length, p50 };
      };
      const cells = results.map(r => {
        const b = p50Of(r);
        return b.count ? `${num(b.p50, 1)} (${b.count})` : '–';
      });
      const a = p50Of(smallest);
      const z = p50Of(largest);
      bucketRows.push([
        bucketName(bucket),
        ...cells,
        a.count && z.count && results.length > 1 ? ratio(z.p50, a.p50) : '–',
      ]);
    }
    lines.push(
      title,
      '',
      intro,
      '',
      table(
        [
          title.includes('degree') ? 'Degree' : 'Nodes + edges',
          ...results.map(r => `${num(r.size)} endpoints`),
          `${num(largest.size)} ÷ ${num(smallest.size)}`,
        ],
        bucketRows,
      ),
      '',
    );
  };
  if (results.length) {
    bucketTable(
      x => x.nodes + x.edges,
      '## p50 by neighbourhood size (nodes + edges returned)',
      'ms (number of requests); every request of the size, wide nodes included. The last column is the largest size over the smallest: near 1× means the time follows the neighbourhood, not the graph.',
    );
    bucketTable(
      x => x.degree,
      '## p50 by the returned nodes’ total degree',
      'The same requests bucketed by the sum of `upstream.total + downstream.total` over the returned nodes: every neighbour of every returned node, shown or only counted. A node next to a wide node returns 50 of its readers but makes the service check and count all of them.',
    );
    // The ordinary focus nodes split by whether their neighbourhood holds
    // a node with thousands of edges: the two behave differently.
    const splitRows = [];
    for (const [label, test] of /** @type {const} */ ([
      ['degree < 2,048', (/** @type {Sample} */ x) => x.degree < 2048],
      ['degree ≥ 2,048', (/** @type {Sample} */ x) => x.degree >= 2048],
    ])) {
      const p50s = [];
      for (const r of results) {
        const list = r.measured.samples.filter(test);
        const [p50, p95, p99] = percentiles(
          list.map(x => x.ms),
          [50, 95, 99],
        );
        const [b50] = percentiles(
          list.map(x => x.baselineMs),
          [50],
        );
        p50s.push(list.length ? p50 : undefined);
        splitRows.push([
          label,
          num(r.size),
          num(list.length),
          num(p50, 1),
          num(p95, 1),
          num(p99, 1),
          num(b50, 1),
          ratio(p50, b50),
        ]);
      }
      if (results.length > 1) {
        splitRows.push([
          label,
          `${num(largest.size)} ÷ ${num(smallest.size)}`,
          '',
          ratio(p50s[p50s.length - 1], p50s[0]),
          '',
          '',
          '',
          '',
        ]);
      }
    }
    lines.push(
      '## Ordinary focus nodes with and without a wide node in reach',
      '',
      'The measured (not the wide) focus nodes, split by whether the nodes returned have 2,048 or more neighbours in all; latency in ms.',
      '',
      table(
        [
          'Neighbourhood',
          'Endpoints',
          'Foci',
          'p50',
          'p95',
          'p99',
          'Baseline p50',
          'Lineage ÷ baseline p50',
        ],
        splitRows,
      ),
      '',
    );
  }

  // Loading.
  lines.push(
    '## Platforms and loading',
    '',
    table(
      [
        'Endpoints',
        'Workflows',
        'Runs',
        'run_io',
        'lineage_edges (current)',
        'workflow_io',
        'Generate, s',
        'Migrate, s',
        'Load, s (per table)',
        'Database, MiB',
      ],
      results.map(r => [
        num(r.counts.endpoints),
        num(r.counts.workflows),
        num(r.counts.runs),
        num(r.counts.run_io),
        `${num(r.counts.lineage_edges)} (${num(r.currentEdges)})`,
        num(r.counts.workflow_io),
        num(r.timings.generate, 1),
        num(r.timings.migrate, 1),
        `${num(r.timings.load, 1)} (${Object.entries(r.tables ?? {})
          .map(([t, v]) => `${t} ${num(v.seconds, 1)}`)
          .join(', ')})`,
        num(r.timings.databaseBytes / 2 ** 20),
      ]),
    ),
    '',
    'Every size is checked after loading: the current edges counted by the decided rule in SQL (JobEvent newer than the current run → workflow_io; else the current run’s run_io; else every lineage edge) must equal what the generator intended.',
    '',
  );

  for (const r of results) {
    const errors = [...r.warmupErrors, ...r.measured.errors, ...r.wide.errors];
    if (errors.length) {
      lines.push(
        `- ${num(r.size)} endpoints: ${errors.length} failed requests, first: ${
          errors[0]
        }`,
      );
    }
  }
  for (const f of failures) lines.push(`- FAILED: ${f}`);

  for (const r of results) {
    for (const e of r.explain ?? []) {
      lines.push(
        '',
        `## SQL of one query at ${num(r.size)} endpoints: ${e.focus.kind} ${
          e.focus.id
        }`,
        '',
        `HTTP ${e.status} in ${num(e.ms, 1)} ms, ${num(
          e.nodes,
        )} nodes and ${num(e.edges)} edges; ${
          e.statements
        } statements taking ${num(
          e.statementMs,
          1,
        )} ms (time from sending each to its result, in the service; concurrent statements overlap). Each statement with its plan from \`EXPLAIN (ANALYZE, BUFFERS)\`, run again afterwards with the same parameters:`,
      );
      lines.push(
        '',
        table(
          [
            '#',
            'Statement',
            'Parameters',
            'In the service, ms',
            'EXPLAIN ANALYZE execution, ms',
            'Rows',
            'Buffers (top node)',
          ],
          e.plans.map((plan, i) => [
            String(i + 1),
            `\`${statementLabel(plan.text)}\``,
            num(plan.values.length),
            num(plan.ms, 2),
            /Execution Time: ([\d.]+)/.exec(plan.plan)?.[1] ?? '–',
            /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(plan.plan)?.[1] ??
              '–',
            /Buffers: (shared [^\n]*)/.exec(plan.plan)?.[1] ?? '–',
          ]),
        ),
      );
      e.plans.forEach((plan, i) => {
        lines.push(
          '',
          `### Statement ${i + 1} (${num(plan.ms, 2)} ms in the service, ${
            plan.values.length
          } parameters)`,
          '',
          '```sql',
          shortenSql(plan.text),
          '```',
          '',
          '```text',
          shortenPlan(plan.plan),
          '```',
        );
      });
    }
  }
  lines.push(
    '',
    'Timing on a shared 2-core machine is noisy: compare the ratios to the baseline, measured in the same run.',
    '',
  );
  return lines.join('\n');
}

const startLoad = loadAverage();
mkdirSync(resultsDir, { recursive: true });
const version = await pgVersion();
/** @type {Result[]} */
const results = [];
/** @type {string[]} */
const failures = [];
for (const size of settings.sizes) {
  if (aborted) break;
  try {
    results.push(await runSize(size));
  } catch (error) {
    log(`${size} failed: ${error instanceof Error ? error.stack : error}`);
    failures.push(
      `${num(size)} endpoints: ${
        error instanceof Error ? error.message : error
      }`,
    );
  }
}
const markdown = prettify(
  render(results, failures, startLoad, version),
  'markdown',
);
writeFileSync(join(resultsDir, 'lineage.md'), markdown);
// Formatted as prettier would, so `yarn prettier:check` stays clean with
// local results in the tree.
writeFileSync(
  join(resultsDir, 'lineage.json'),
  prettify(
    JSON.stringify(
      {
        settings,
        results: results.map(r => ({
          ...r,
          measured: { ...r.measured, summary: summarize(r.measured.samples) },
          wide: { ...r.wide, summary: summarize(r.wide.samples) },
        })),
        failures,
      },
      null,
      1,
    ),
    'json',
  ),
);
console.log(markdown);
process.exitCode = failures.length || aborted ? 1 : 0;
