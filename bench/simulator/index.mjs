// @ts-check
// yarn bench:simulator — how fast the runtime simulator's scale mode builds
// a large platform and writes its events, each figure next to a baseline
// measured in the same run on the same machine:
//
// 1. Platform: endpoints + workflows + edges built per second, next to
//    JSON.parse of the same platform's JSON (loading a pre-generated
//    platform instead of generating it).
// 2. Scale events to an NDJSON file: events/s and MiB/s, next to
//    JSON.stringify of the same number of already-built events (serializing
//    alone) and to writing the same bytes of fixed content to a file (the
//    disk alone).
// 3. History: the demo platform's 30 days, generated in day windows and
//    serialized, next to the same stringify baseline.
//
// Settings are environment variables; see bench/README.md.
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../lib/process.mjs';
import {
  loadAverage,
  machine,
  mib,
  num,
  prettify,
  ratio,
  revision,
  table,
} from '../lib/report.mjs';

const env = (/** @type {string} */ name, /** @type {number} */ fallback) =>
  Number(process.env[name] ?? fallback);
const settings = {
  endpoints: env('BENCH_SIM_ENDPOINTS', 100_000),
  workflows: env('BENCH_SIM_WORKFLOWS', 40_000),
  edges: env('BENCH_SIM_EDGES', 300_000),
  teams: env('BENCH_SIM_TEAMS', 60),
  seed: env('BENCH_SEED', 42),
};

// The simulator is TypeScript; the Backstage CLI's require hook transpiles
// it on load, as for the service in bench:ingest.
const require = createRequire(join(root, 'package.json'));
require('@backstage/cli/config/nodeTransform.cjs');
/** @type {any} */
const sim = require('@data-platform/runtime-simulator');

const scratch = mkdtempSync(join(tmpdir(), 'bench-simulator-'));
const cleanup = () => rmSync(scratch, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

const seconds = (/** @type {bigint} */ t0) =>
  Number(process.hrtime.bigint() - t0) / 1e9;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 100);

/** Writes `chunks` to a file as the NDJSON sink does, honouring backpressure. */
async function writeChunks(
  /** @type {string} */ file,
  /** @type {Iterable<string>} */ chunks,
) {
  const stream = createWriteStream(file);
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

try {
  const at = new Date('2026-06-01T00:00:00Z');
  console.error(
    `Platform: ${settings.endpoints} endpoints, ${settings.workflows} workflows, ${settings.edges} edges`,
  );

  // 1. Platform
  let t0 = process.hrtime.bigint();
  const platform = sim.generatePlatform({
    ...settings,
    historyStart: new Date(at.getTime() - 30 * 86_400_000),
  });
  const platformSeconds = seconds(t0);
  const elements =
    platform.endpoints.length + platform.workflows.length + platform.edges;

  // Baseline: loading a pre-generated platform of the same size from its
  // JSON instead of generating it (parsing only; reading the file is left
  // out, which flatters the baseline).
  const platformJson = JSON.stringify(platform);
  t0 = process.hrtime.bigint();
  JSON.parse(platformJson);
  const parseSeconds = seconds(t0);
  const platformJsonBytes = platformJson.length;

  // 2. Scale events to a file
  console.error('Scale events to NDJSON');
  const scaleFile = join(scratch, 'scale.ndjson');
  t0 = process.hrtime.bigint();
  const sink = new sim.NdjsonFileSink(scaleFile);
  /** @type {any[]} */
  let batch = [];
  /** @type {any[]} */
  const sample = [];
  for (const event of sim.snapshotEvents(platform, at)) {
    batch.push(event);
    if (sample.length < 2000) sample.push(event);
    if (batch.length === 500) {
      await sink.send(batch);
      batch = [];
    }
  }
  await sink.send(batch);
  await sink.close();
  const scaleSeconds = seconds(t0);
  const scaleEvents = sink.stats.sent;
  const scaleBytes = sink.stats.bytes;
  rmSync(scaleFile);

  // Baseline: serializing the same number of events, already built.
  t0 = process.hrtime.bigint();
  let stringified = 0;
  for (let i = 0; i < scaleEvents; i++) {
    stringified += JSON.stringify(sample[i % sample.length]).length + 1;
  }
  const stringifySeconds = seconds(t0);

  // Baseline: writing the same bytes of fixed content, in the same chunks.
  const chunkBytes = Math.max(1, Math.round(scaleBytes / (scaleEvents / 500)));
  const fixed = 'x'.repeat(chunkBytes);
  const chunks = Math.ceil(scaleBytes / chunkBytes);
  t0 = process.hrtime.bigint();
  await writeChunks(
    join(scratch, 'fixed.ndjson'),
    (function* () {
      for (let i = 0; i < chunks; i++) yield fixed;
    })(),
  );
  const fixedSeconds = seconds(t0);
  rmSync(join(scratch, 'fixed.ndjson'));

  // 3. History of the demo platform
  console.error('Demo history, 30 days');
  const demo = sim.generatePlatform({
    seed: settings.seed,
    historyStart: new Date(at.getTime() - 30 * 86_400_000),
  });
  const builder = new sim.RunEventBuilder(demo);
  t0 = process.hrtime.bigint();
  let historyEvents = 0;
  let historyBytes = 0;
  /** @type {any[]} */
  const historySample = [];
  for (const [from, to] of sim.windows(
    new Date(at.getTime() - 30 * 86_400_000),
    at,
    86_400_000,
  )) {
    for (const event of sim.eventsBetween(demo, from, to, builder)) {
      historyEvents++;
      historyBytes += JSON.stringify(event).length + 1;
      if (historySample.length < 2000) historySample.push(event);
    }
  }
  const historySeconds = seconds(t0);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < historyEvents; i++) {
    JSON.stringify(historySample[i % historySample.length]);
  }
  const historyStringifySeconds = seconds(t0);
  clearInterval(sampler);

  const rate = (/** @type {number} */ n, /** @type {number} */ s) => n / s;
  const results = {
    settings,
    platform: {
      endpoints: platform.endpoints.length,
      workflows: platform.workflows.length,
      edges: platform.edges,
      seconds: platformSeconds,
      elementsPerSecond: rate(elements, platformSeconds),
      parseElementsPerSecond: rate(elements, parseSeconds),
      jsonBytes: platformJsonBytes,
    },
    scale: {
      events: scaleEvents,
      bytes: scaleBytes,
      seconds: scaleSeconds,
      eventsPerSecond: rate(scaleEvents, scaleSeconds),
      stringifyEventsPerSecond: rate(scaleEvents, stringifySeconds),
      bytesPerSecond: rate(scaleBytes, scaleSeconds),
      fixedBytesPerSecond: rate(scaleBytes, fixedSeconds),
      stringifiedBytes: stringified,
    },
    history: {
      events: historyEvents,
      bytes: historyBytes,
      seconds: historySeconds,
      eventsPerSecond: rate(historyEvents, historySeconds),
      stringifyEventsPerSecond: rate(historyEvents, historyStringifySeconds),
    },
    peakRssBytes: peakRss,
  };

  const p = results.platform;
  const s = results.scale;
  const h = results.history;
  const report = [
    '# Runtime simulator',
    '',
    `- Machine: ${machine()}; load average ${loadAverage()}`,
    `- Date: ${new Date().toISOString()}; commit ${revision()}`,
    `- Scale platform: ${num(p.endpoints)} endpoints, ${num(
      p.workflows,
    )} workflows, ${num(p.edges)} edges, ${settings.teams} teams, seed ${
      settings.seed
    }; generated and written in ${num(
      p.seconds + s.seconds,
      1,
    )} s; peak RSS ${mib(peakRss)} MiB`,
    '',
    'Each figure next to a baseline from the same run. Ratios below 1× are',
    'the share of the baseline the simulator reaches.',
    '',
    table(
      ['Figure', 'Simulator', 'Baseline', 'Ratio', 'Baseline is'],
      [
        [
          'Platform: endpoints + workflows + edges / s',
          num(p.elementsPerSecond),
          num(p.parseElementsPerSecond),
          ratio(p.elementsPerSecond, p.parseElementsPerSecond),
          `JSON.parse of the same platform's JSON (${mib(p.jsonBytes)} MiB)`,
        ],
        [
          `Scale: events / s to NDJSON (${num(s.events)} events)`,
          num(s.eventsPerSecond),
          num(s.stringifyEventsPerSecond),
          ratio(s.eventsPerSecond, s.stringifyEventsPerSecond),
          'JSON.stringify of as many already-built events',
        ],
        [
          `Scale: MiB / s to NDJSON (${mib(s.bytes)} MiB)`,
          num(s.bytesPerSecond / 2 ** 20),
          num(s.fixedBytesPerSecond / 2 ** 20),
          ratio(s.bytesPerSecond, s.fixedBytesPerSecond),
          'writing as many bytes of fixed content',
        ],
        [
          `History: events / s, demo platform, 30 days (${num(
            h.events,
          )} events)`,
          num(h.eventsPerSecond),
          num(h.stringifyEventsPerSecond),
          ratio(h.eventsPerSecond, h.stringifyEventsPerSecond),
          'JSON.stringify of as many already-built events',
        ],
      ],
    ),
    '',
  ].join('\n');
  const markdown = prettify(report, 'markdown');
  writeFileSync(join(root, 'bench/results/simulator.md'), markdown);
  writeFileSync(
    join(root, 'bench/results/simulator.json'),
    prettify(JSON.stringify(results), 'json'),
  );
  console.log(markdown);
} finally {
  clearInterval(sampler);
  cleanup();
}
