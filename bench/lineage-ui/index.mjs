// @ts-check
// yarn bench:lineage-ui — the lineage explorer in headless Chromium, in the
// production build (packages/backend/dist, built first if missing) deployed
// as the e2e suite deploys it, on PostgreSQL.
//
// 1. Draw: a generated 1,000-node graph (OpenLineage events through the
//    HTTP ingestion route) opened in /data/lineage at the depth that holds
//    all of it. Measured in the page from the `lineage:data` mark (the
//    answer arrived) to the layout coming back from the worker
//    (`lineage:layout`) and to the frame after every node is in the DOM
//    (nodes painted). Target: data to painted < 1.5 s. Baseline, same run:
//    the same page drawing a 10-node graph.
// 2. Pan/zoom: a scripted drag and wheel zoom over the drawn graph while a
//    requestAnimationFrame loop records frame times (p50/p95/max). Baseline,
//    same run: the same script over the 10-node graph, and the same loop on
//    a blank page with no input.
//
// Settings: BENCH_UI_REPEATS (draws per graph, default 5), BENCH_UI_PORT
// (default 7027), BENCH_UI_TRACE (set: also saves a Chromium performance
// trace of one 1,000-node draw, lineage-ui-trace.json), BENCH_UI_DB_PREFIX (default dp_bench_ui_; another name
// lets two checkouts bench side by side), CHROMIUM_PATH.
import { execFileSync } from 'node:child_process';
import { mkdirSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { guestToken, startDeployment } from '../../e2e/lib/deployment.mjs';
import { derived } from '../../e2e/lib/simulator.mjs';
import { root } from '../lib/process.mjs';
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
import { layeredPlatform, platformEvents } from './graph.mjs';

const repeats = Number(process.env.BENCH_UI_REPEATS ?? 5);
const port = Number(process.env.BENCH_UI_PORT ?? 7027);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const token = 'bench-lineage-ui-token-not-a-secret';
const resultsDir = join(root, 'bench/results');
const TARGET_MS = 1500;
mkdirSync(resultsDir, { recursive: true });

const large = layeredPlatform({
  prefix: 'bench_large',
  endpoints: [1, 20, 60, 100, 120, 130, 139],
  workflows: [10, 40, 80, 100, 100, 100],
});
const small = layeredPlatform({
  prefix: 'bench_small',
  endpoints: [1, 6],
  workflows: [3],
});

const bundle = join(root, 'packages/backend/dist/bundle.tar.gz');
if (!existsSync(bundle)) {
  console.error('No production build; running yarn build:backend');
  execFileSync(
    process.execPath,
    [join(root, '.yarn/releases/yarn-4.13.0.cjs'), 'build:backend'],
    { cwd: root, stdio: ['ignore', 2, 2] },
  );
}
const builtAt = statSync(bundle).mtime.toISOString();

// A signed-in user's token for reads; the ingestion token can only ingest.
/** @type {string} */
let readToken;

/** @param {string} baseUrl @param {string} path @param {RequestInit} [init] */
async function api(baseUrl, path, init) {
  const res = await fetch(`${baseUrl}/api/data-platform${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${init?.method === 'POST' ? token : readToken}`,
      'Content-Type': 'application/json',
      ...init?.headers,
    },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return await res.json();
}

/** @param {string} baseUrl @param {ReturnType<typeof layeredPlatform>} platform */
async function seed(baseUrl, platform) {
  const events = platformEvents(platform, {
    namespace: 'bigquery',
    jobNamespace: 'bench',
    time: new Date(Date.now() - 3_600_000),
  });
  for (let i = 0; i < events.length; i += 200) {
    const body = await api(baseUrl, '/v1/lineage/batch', {
      method: 'POST',
      body: JSON.stringify(events.slice(i, i + 200)),
    });
    if (body.summary.failed) {
      throw new Error(`rejected events: ${JSON.stringify(body)}`);
    }
  }
  // Ingestion answers once events are queued; wait until they are applied.
  await derived({ baseUrl, token: readToken, timeoutMs: 120_000 });
  const { items } = await api(
    baseUrl,
    `/v1/endpoints?namespace=bigquery&name=${encodeURIComponent(
      platform.root,
    )}`,
  );
  const rootId = items[0]?.id;
  if (!rootId) throw new Error(`${platform.root} was not ingested`);
  const graph = await api(
    baseUrl,
    `/v1/lineage?id=${encodeURIComponent(rootId)}&direction=downstream&depth=${
      platform.depth
    }&fanout=500`,
  );
  if (graph.nodes.length !== platform.nodes || graph.truncated) {
    throw new Error(
      `expected ${platform.nodes} nodes, the service answered ${graph.nodes.length} (truncated: ${graph.truncated})`,
    );
  }
  return rootId;
}

// Installed before the app loads: a frame recorder and a wait for nodes.
const INIT_SCRIPT = `
if (!window.__bench) {
window.__bench = { frames: [], recording: false };
(function loop(t) {
  if (window.__bench.recording) window.__bench.frames.push(t);
  requestAnimationFrame(loop);
})(0);
window.__bench.nodesPainted = count => new Promise(resolve => {
  const check = () => {
    if (document.querySelectorAll('.react-flow__node').length >= count) {
      // The frame after: the one in which the nodes were painted.
      requestAnimationFrame(() => resolve(performance.now()));
    } else {
      requestAnimationFrame(check);
    }
  };
  check();
});
}
`;

/** @param {import('playwright-core').Page} page */
async function signInIfAsked(page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  const graph = page.locator('[data-layout-thread], .react-flow');
  await enter.or(graph).first().waitFor({ timeout: 120_000 });
  if (await enter.isVisible()) await enter.click();
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl @param {string} rootId
 * @param {ReturnType<typeof layeredPlatform>} platform
 */
async function draw(page, baseUrl, rootId, platform) {
  await page.goto(
    `${baseUrl}/data/lineage?focus=${encodeURIComponent(
      rootId,
    )}&focusKind=endpoint&direction=downstream&depth=${platform.depth}`,
  );
  await signInIfAsked(page);
  const paintedAt = await page.evaluate(
    count =>
      Promise.race([
        /** @type {any} */ (window).__bench.nodesPainted(count),
        new Promise(resolve => setTimeout(() => resolve(undefined), 60_000)),
      ]),
    platform.nodes,
  );
  if (paintedAt === undefined) {
    const seen = await page.evaluate(() => ({
      nodes: document.querySelectorAll('.react-flow__node').length,
      viewport: document
        .querySelector('.react-flow__viewport')
        ?.getAttribute('style'),
      text: document.body.innerText.slice(0, 500),
    }));
    await page.screenshot({
      path: join(resultsDir, 'lineage-ui-failed.png'),
    });
    throw new Error(
      `${platform.nodes} nodes not drawn within 60 s: ${JSON.stringify(seen)}`,
    );
  }
  const marks = await page.evaluate(() => {
    const last = (/** @type {string} */ name) =>
      performance.getEntriesByName(name).at(-1)?.startTime;
    return {
      data: last('lineage:data'),
      layout: last('lineage:layout'),
      appPainted: last('lineage:painted'),
      thread: document
        .querySelector('[data-layout-thread]')
        ?.getAttribute('data-layout-thread'),
    };
  });
  if (marks.data === undefined || marks.layout === undefined) {
    throw new Error(`marks missing: ${JSON.stringify(marks)}`);
  }
  return {
    layoutMs: marks.layout - marks.data,
    paintedMs: paintedAt - marks.data,
    thread: marks.thread,
  };
}

/** @param {import('playwright-core').Page} page */
async function recordFrames(page, script) {
  await page.evaluate(() => {
    const bench = /** @type {any} */ (window).__bench;
    bench.frames = [];
    bench.recording = true;
  });
  await script();
  const frames = await page.evaluate(() => {
    const bench = /** @type {any} */ (window).__bench;
    bench.recording = false;
    return bench.frames;
  });
  const deltas = [];
  for (let i = 1; i < frames.length; i++)
    deltas.push(frames[i] - frames[i - 1]);
  const [p50, p95] = percentiles(deltas, [50, 95]);
  return { frames: deltas.length, p50, p95, max: Math.max(...deltas) };
}

/** @param {import('playwright-core').Page} page */
async function panAndZoom(page) {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no React Flow pane');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) {
    await page.mouse.move(
      cx + Math.sin(i / 6) * 200,
      cy + Math.cos(i / 6) * 120,
    );
  }
  await page.mouse.up();
  for (let i = 0; i < 15; i++) await page.mouse.wheel(0, -120);
  for (let i = 0; i < 15; i++) await page.mouse.wheel(0, 120);
}

const median = (/** @type {number[]} */ xs) => percentiles(xs, [50])[0];

const deployment = await startDeployment({
  port,
  ingestToken: token,
  databasePrefix: process.env.BENCH_UI_DB_PREFIX ?? 'dp_bench_ui_',
  logFile: join(resultsDir, 'lineage-ui-backend.log'),
  installStdio: 'ignore',
  extraConfigFiles: [],
});
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
let failed = false;
try {
  // Static tokens are for pipeline runtimes and can only ingest; reads go
  // through the guest, as the e2e suite's do.
  const { baseUrl } = deployment;
  readToken = await guestToken(baseUrl);
  const largeId = await seed(baseUrl, large);
  const smallId = await seed(baseUrl, small);

  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));

  // The first load fetches and compiles the bundle: a warm-up, not counted.
  await draw(page, baseUrl, smallId, small);

  const draws = { small: [], large: [] };
  for (let i = 0; i < repeats; i++) {
    draws.small.push(await draw(page, baseUrl, smallId, small));
    draws.large.push(await draw(page, baseUrl, largeId, large));
  }
  const frames = {};
  await page.goto('about:blank');
  await page.evaluate(INIT_SCRIPT);
  frames.blank = await recordFrames(page, () => page.waitForTimeout(3000));
  await draw(page, baseUrl, smallId, small);
  frames.small = await recordFrames(page, () => panAndZoom(page));
  await draw(page, baseUrl, largeId, large);
  await page.screenshot({ path: join(resultsDir, 'lineage-ui-1000.png') });
  frames.large = await recordFrames(page, () => panAndZoom(page));
  if (process.env.BENCH_UI_TRACE) {
    // One more 1,000-node draw under a Chromium performance trace, to see
    // where the time goes (open it in the DevTools Performance panel).
    await browser.startTracing(page, {
      path: join(resultsDir, 'lineage-ui-trace.json'),
    });
    await draw(page, baseUrl, largeId, large);
    await browser.stopTracing();
  }
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

  const threads = new Set([...draws.small, ...draws.large].map(d => d.thread));
  const row = (/** @type {string} */ name, /** @type {any[]} */ d) => {
    const layout = d.map(x => x.layoutMs);
    const painted = d.map(x => x.paintedMs);
    return [
      name,
      num(median(layout)),
      num(Math.max(...layout)),
      num(median(painted)),
      num(Math.max(...painted)),
    ];
  };
  const largePainted = median(draws.large.map(d => d.paintedMs));
  const smallPainted = median(draws.small.map(d => d.paintedMs));
  const frameRow = (/** @type {string} */ name, /** @type {any} */ f) => [
    name,
    String(f.frames),
    num(f.p50, 1),
    num(f.p95, 1),
    num(f.max, 1),
  ];
  // A missed target is a finding, reported in bold; the benchmark fails
  // only when it could not measure.
  const verdict = largePainted < TARGET_MS ? 'met' : 'NOT met';
  const report = `# Lineage explorer in the browser (bench:lineage-ui)

${machine()}; load ${loadAverage()}; commit ${revision()}; production
build of ${builtAt}; headless Chromium (${browser.version()}, software
rendering); ${repeats} draws per graph after a warm-up load. Layouts ran
on: ${[...threads].join(', ')}.

## Draw: data received to nodes painted

| Graph | Layout median (ms) | Layout max (ms) | Painted median (ms) | Painted max (ms) |
| --- | --- | --- | --- | --- |
${[
  row(`${large.nodes} nodes (depth ${large.depth})`, draws.large),
  row(`${small.nodes} nodes (baseline)`, draws.small),
]
  .map(r => `| ${r.join(' | ')} |`)
  .join('\n')}

1,000 nodes take ${ratio(largePainted, smallPainted)} the baseline's time.
Target data → painted < ${num(TARGET_MS)} ms: **${verdict}** (median
${num(largePainted)} ms).

## Pan and zoom: frame times

${table(
  ['Scene', 'Frames', 'p50 (ms)', 'p95 (ms)', 'max (ms)'],
  [
    frameRow(
      `${large.nodes}-node graph, scripted drag + 30 wheel steps`,
      frames.large,
    ),
    frameRow(`${small.nodes}-node graph, same script (baseline)`, frames.small),
    frameRow('blank page, rAF loop, no input (floor)', frames.blank),
  ],
)}

Screenshot of the drawn 1,000-node graph: bench/results/lineage-ui-1000.png.
`;
  const text = prettify(report, 'markdown');
  writeFileSync(join(resultsDir, 'lineage-ui.md'), text);
  writeFileSync(
    join(resultsDir, 'lineage-ui.json'),
    prettify(JSON.stringify({ draws, frames, builtAt }, null, 2), 'json'),
  );
  process.stdout.write(text);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser.close();
  await deployment.stop();
}
process.exit(failed ? 1 : 0);
