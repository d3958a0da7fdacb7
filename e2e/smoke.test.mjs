// Browser smoke test of the production build: the built backend, unpacked
// and installed as a deployment would be, serves the built app on
// PostgreSQL; Debian's Chromium opens /data and the page must render. Then
// the journeys: the runtime simulator seeds a platform over HTTP and the
// browser walks through it as a user would. One backend serves them all.
//
// Run after `yarn build:backend` with `yarn test:e2e`. Screenshots and the
// backend log land in e2e-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import {
  connectDatabase,
  guestToken,
  startDeployment,
} from './lib/deployment.mjs';
import { derived, readApi, seedSmallPlatform } from './lib/simulator.mjs';
import { writeCatalogConfig } from './lib/catalog.mjs';
import {
  catalogJourney,
  pickJourneyEndpoint,
  waitForCatalogAndSearch,
} from './lib/catalogJourney.mjs';

const root = resolve(import.meta.dirname, '..');
const artifacts = join(root, 'e2e-artifacts');

const port = 7007;
// The service token pipeline runtimes ingest with in this deployment.
const ingestToken = 'e2e-ingest-token-not-a-secret';
const corpus = resolve(root, 'fixtures/openlineage');
const baseUrl = `http://localhost:${port}`;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let deployment;
let browser;
// A signed-in user's token for reads: the ingestion token can only ingest.
let readToken;
// The catalog location of the simulated teams and the config naming it.
const configDir = mkdtempSync(join(tmpdir(), 'data-platform-e2e-config-'));

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  deployment = await startDeployment({
    port,
    ingestToken,
    databasePrefix: 'dp_e2e_',
    logFile: join(artifacts, 'backend.log'),
    extraConfigFiles: [await writeCatalogConfig(configDir)],
  });
  readToken = await guestToken(baseUrl);
  browser = await chromium.launch({
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
});

after(async () => {
  await browser?.close();
  await deployment?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

/**
 * Opens `path` signed in as a guest in a fresh browser context, runs the
 * journey, saves the screenshots it asks for and fails on any uncaught
 * page error. The context is closed whatever happens.
 */
async function signedIn(path, journey, { colorScheme = 'light' } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme,
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  const screenshot = name =>
    page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  try {
    await page.goto(`${baseUrl}${path}`);
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.waitFor({ timeout: 60_000 });
    await enter.click();
    await journey(page, screenshot);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
}

const metadataService = page =>
  page.getByText('Metadata service', { exact: true }).waitFor({
    timeout: 60_000,
  });

test('the /data page renders in the production build', async () => {
  await signedIn('/data', async (page, screenshot) => {
    await metadataService(page);
    // /data opens its first tab, the overview.
    assert.equal(new URL(page.url()).pathname, '/data/overview');
    await page.getByText('Healthy', { exact: true }).waitFor();
    await page.getByText('No metadata yet').waitFor();
    assert.equal(await page.getByText('Events accepted').count(), 1);
    assert.equal(await page.getByText('Waiting to be applied').count(), 1);

    const nav = page.getByRole('navigation', { name: 'sidebar nav' });
    await nav.getByRole('link', { name: 'Data', exact: true }).waitFor();
    await screenshot('data-page-light');
  });
});

test('the /data page follows the dark theme', async () => {
  await signedIn(
    '/data',
    async (page, screenshot) => {
      await metadataService(page);
      await page.getByText('Healthy', { exact: true }).waitFor();
      await screenshot('data-page-dark');
    },
    { colorScheme: 'dark' },
  );
});

test('the catalog lists this repository and its owner', async () => {
  await signedIn(
    '/catalog/default/group/data-platform',
    async (page, screenshot) => {
      // The catalog ingests its locations in the background after start.
      await page
        .getByText(
          'Builds and runs the data platform portal and metadata service.',
        )
        .first()
        .waitFor({ timeout: 120_000 });
      await screenshot('catalog-owner-group');
    },
  );
});

test('the root of the portal lands on the /data overview', async () => {
  await signedIn('/', async page => {
    await page.waitForURL(`${baseUrl}/data/overview`, { timeout: 60_000 });
    await metadataService(page);
  });
});

test('a pipeline runtime ingests a real Airflow run over HTTP', async () => {
  const dir = join(corpus, 'scenarios/airflow/events');
  const events = readdirSync(dir)
    .sort()
    .map(file => JSON.parse(readFileSync(join(dir, file), 'utf8')));
  const unauthenticated = await fetch(
    `${baseUrl}/api/data-platform/v1/lineage/batch`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(events),
    },
  );
  assert.equal(unauthenticated.status, 401);

  const res = await fetch(`${baseUrl}/api/data-platform/v1/lineage/batch`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${ingestToken}`,
    },
    body: JSON.stringify(events),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.summary.successful, 32);
  await derived({ baseUrl, token: readToken });
});

test('browsing: search an endpoint, open it, read its schema and producer', async () => {
  await signedIn('/data/endpoints', async (page, screenshot) => {
    await page.getByLabel('Search endpoints').fill('upload');
    await page
      .getByRole('link', { name: 'mock-project.test.upload', exact: true })
      .click({ timeout: 60_000 });
    await page.getByText('BQ.upload').first().waitFor({ timeout: 60_000 });
    await screenshot('endpoint-overview');

    await page.getByRole('tab', { name: 'Schema' }).click();
    await page.getByRole('table').first().waitFor();
    await screenshot('endpoint-schema');

    await page.goto(`${baseUrl}/data/workflows`);
    await page
      .getByRole('link', { name: 'BQ.copy', exact: true })
      .click({ timeout: 60_000 });
    await page
      .getByText('mock-project.test.upload_cp')
      .first()
      .waitFor({ timeout: 60_000 });
    await screenshot('workflow-overview');
  });
});

test('the runtime simulator seeds a platform over HTTP', async () => {
  const report = await seedSmallPlatform({
    baseUrl,
    token: ingestToken,
    readToken,
  });
  assert.match(report, /, 0 rejected/);
  const overview = await readApi(baseUrl, readToken, '/v1/overview');
  assert.equal(overview.ingestion.rejectedEvents, 0);
  // The Airflow scenario's one workflow and the simulator's twenty.
  assert.ok(overview.counts.workflows >= 20, JSON.stringify(overview.counts));
});

test('browsing journey: search a simulated endpoint, open it, read its schema and owner', async () => {
  // A BigQuery table a SQL workflow wrote, chosen through the API the UI
  // reads, with the schema and owner the page must show.
  const { items } = await readApi(
    baseUrl,
    readToken,
    '/v1/endpoints?namespace=bigquery&limit=100',
  );
  const summary = items.find(e => e.owner?.startsWith('group:default/'));
  assert.ok(summary, 'a simulated BigQuery endpoint with an owner');
  const endpoint = await readApi(
    baseUrl,
    readToken,
    `/v1/endpoints/${summary.id}`,
  );
  const team = endpoint.owner.slice('group:default/'.length);
  const fields = endpoint.schema.fields.map(f => f.name);
  assert.ok(fields.length >= 2, JSON.stringify(endpoint.schema));
  const table = endpoint.name.split('.').pop();

  await signedIn('/data/endpoints', async (page, screenshot) => {
    await page.getByLabel('Search endpoints').fill(table);
    // The unfiltered first page may list it too: wait for the search's own
    // answer (the query lands in the URL, then the list reloads).
    await page.waitForURL(/[?&]q=/, { timeout: 60_000 });
    const link = page.getByRole('link', { name: endpoint.name, exact: true });
    await link.waitFor({ timeout: 60_000 });
    await page
      .getByRole('progressbar')
      .waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot('journey-browse-search');
    await link.click();

    const about = page.getByLabel('About the endpoint');
    await about.waitFor({ timeout: 60_000 });
    const owner = about.locator('dt', { hasText: /^Owner$/ });
    assert.equal(
      (
        await owner.locator('xpath=following-sibling::dd[1]').innerText()
      ).trim(),
      team,
    );
    await screenshot('journey-browse-endpoint');

    await page.getByRole('tab', { name: 'Schema' }).click();
    const schema = page.getByRole('table').filter({
      has: page.getByRole('columnheader', { name: 'Field', exact: true }),
    });
    await schema.waitFor({ timeout: 60_000 });
    for (const field of fields) {
      await schema
        .getByRole('cell', { name: field, exact: true })
        .first()
        .waitFor({ timeout: 10_000 });
    }
    await screenshot('journey-browse-schema');
  });
});

test("catalog journey: search a column, open the endpoint, its owner's Group and Data tab, the workflow's relations", async () => {
  const picked = await pickJourneyEndpoint(baseUrl, readToken);
  assert.ok(picked, 'a Group-owned endpoint with a column of its own');
  // The provider and the collator run every few seconds here.
  const catalog = await waitForCatalogAndSearch(baseUrl, readToken, picked);
  for (const colorScheme of ['light', 'dark']) {
    await signedIn(
      '/search',
      (page, screenshot) =>
        catalogJourney(page, screenshot, {
          baseUrl,
          suffix: colorScheme,
          picked,
          catalog,
        }),
      { colorScheme },
    );
  }
});

/**
 * An endpoint of the seeded platform whose lineage has a node with
 * neighbours beyond depth 1, so the journey has something to expand.
 */
async function endpointWithExpandableLineage() {
  const { items } = await readApi(
    baseUrl,
    readToken,
    '/v1/endpoints?namespace=bigquery&limit=100',
  );
  for (const summary of items) {
    const graph = await readApi(
      baseUrl,
      readToken,
      `/v1/lineage?id=${encodeURIComponent(summary.id)}&direction=both&depth=1`,
    );
    const degree = new Map();
    for (const { from, to } of graph.edges) {
      degree.set(
        `${from}:downstream`,
        (degree.get(`${from}:downstream`) ?? 0) + 1,
      );
      degree.set(`${to}:upstream`, (degree.get(`${to}:upstream`) ?? 0) + 1);
    }
    const expandable = graph.nodes.find(
      node =>
        node.id !== graph.focus &&
        ['upstream', 'downstream'].some(
          side => node[side].total > (degree.get(`${node.id}:${side}`) ?? 0),
        ),
    );
    if (graph.nodes.length >= 3 && expandable) return { summary, graph };
  }
  return undefined;
}

test("lineage journey: open an endpoint's lineage, expand a node, read the impact", async () => {
  const found = await endpointWithExpandableLineage();
  assert.ok(found, 'a simulated endpoint with lineage beyond depth 1');
  const { summary, graph } = found;
  const nodes = page => page.locator('[data-testid^="lineage-node-"]');

  for (const colorScheme of ['light', 'dark']) {
    await signedIn(
      `/data/endpoints/${encodeURIComponent(summary.id)}`,
      async (page, screenshot) => {
        // The Data page's own tabs have a Lineage tab too (the standalone
        // explorer); this is the endpoint's.
        await page
          .getByRole('tablist', { name: 'Endpoint sections' })
          .getByRole('tab', { name: 'Lineage' })
          .click({ timeout: 60_000 });
        await page
          .getByTestId(`lineage-node-${summary.id}`)
          .waitFor({ timeout: 60_000 });
        assert.equal(await nodes(page).count(), graph.nodes.length);
        // The layout ran in the worker the bundler emitted, not inline.
        assert.equal(
          await page
            .locator('[data-layout-thread]')
            .getAttribute('data-layout-thread'),
          'worker',
        );
        await screenshot(`journey-lineage-${colorScheme}`);

        const expand = page
          .getByRole('button', { name: /^Expand (upstream|downstream) of / })
          .first();
        await expand.click();
        await page
          .getByRole('button', { name: /^Collapse (upstream|downstream) of / })
          .first()
          .waitFor({ timeout: 60_000 });
        await page.waitForFunction(
          count =>
            document.querySelectorAll('[data-testid^="lineage-node-"]').length >
            count,
          graph.nodes.length,
          { timeout: 60_000 },
        );
        await screenshot(`journey-lineage-expanded-${colorScheme}`);

        await page
          .getByRole('button', { name: /^Collapse (upstream|downstream) of / })
          .first()
          .click();
        await page.waitForFunction(
          count =>
            document.querySelectorAll('[data-testid^="lineage-node-"]')
              .length === count,
          graph.nodes.length,
          { timeout: 60_000 },
        );

        await page.getByRole('button', { name: 'Impact', exact: true }).click();
        const impact = page.getByRole('region', { name: 'Impact' });
        await impact
          .getByRole('table', { name: 'Impacted endpoints and workflows' })
          .or(impact.getByText(/^Nothing downstream/))
          .waitFor({ timeout: 60_000 });
        await impact.scrollIntoViewIfNeeded();
        await screenshot(`journey-lineage-impact-${colorScheme}`);
      },
      { colorScheme },
    );
  }
});

test('the ingestion token only ingests, and errors carry no stack trace', async () => {
  const api = (path, init) =>
    fetch(`${baseUrl}/api/data-platform${path}`, init);
  const ingest = { Authorization: `Bearer ${ingestToken}` };
  const user = { Authorization: `Bearer ${readToken}` };
  const answers = {
    'ingestion token reads': await api('/v1/endpoints', { headers: ingest }),
    'ingestion token reads the overview': await api('/v1/overview', {
      headers: ingest,
    }),
    'ingestion token replays': await api('/v1/admin/replay', {
      method: 'POST',
      headers: ingest,
    }),
    'no token': await api('/v1/endpoints'),
    'bad query': await api('/v1/endpoints?limit=many', { headers: user }),
    'unknown endpoint': await api('/v1/endpoints/no-such-endpoint', {
      headers: user,
    }),
    'not JSON': await api('/v1/lineage', {
      method: 'POST',
      headers: { ...ingest, 'Content-Type': 'application/json' },
      body: '{"eventType": ',
    }),
  };
  // Last: the body that is not JSON is kept as a dead letter, which the
  // seeding test above counts as a rejection.
  const seen = {};
  for (const [name, res] of Object.entries(answers)) {
    const body = await res.text();
    seen[name] = res.status;
    // NODE_ENV=production: a body says what went wrong, never where.
    assert.doesNotMatch(body, /"stack"|\bat \S+ \(|\.js:\d+:\d+/, name);
    assert.ok(JSON.parse(body).error?.message, `${name}: ${body}`);
  }
  assert.deepEqual(seen, {
    'ingestion token reads': 403,
    'ingestion token reads the overview': 403,
    'ingestion token replays': 403,
    'no token': 401,
    'bad query': 400,
    'unknown endpoint': 404,
    'not JSON': 400,
  });

  // The guest signs in with the admin group (app-config.yaml), so it may
  // replay; the policy looks the group up in its token.
  const replay = await api('/v1/admin/replay', {
    method: 'POST',
    headers: user,
  });
  // A replay clears and queues the raw log again, then answers; the
  // worker derives it in the background.
  assert.equal(replay.status, 202, await replay.text());
  await derived({ baseUrl, token: readToken });
});

test('an event whose derivation fails is set aside and listed on the overview', async () => {
  // As an event kept before the validator grew stricter: its year is now
  // out of range, so deriving it again from the raw log fails.
  const db = await connectDatabase('dp_e2e_data-platform');
  try {
    const payload = JSON.stringify({
      eventType: 'COMPLETE',
      eventTime: '0000-01-01T00:00:00Z',
      producer: 'https://example.com/e2e',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json',
      run: { runId: '0196a1e5-0000-7000-8000-00000000e2e0' },
      job: { namespace: 'e2e', name: 'stale.event' },
      inputs: [],
      outputs: [],
    });
    const {
      rows: [raw],
    } = await db.query(
      `INSERT INTO raw_events (event_hash, event_kind, event_type, run_id, job_namespace, job_name, received_at, payload)
       VALUES ($1, 'run', 'COMPLETE', $2, 'e2e', 'stale.event', now(), $3) RETURNING id, event_hash`,
      ['e2e-stale-event', '0196a1e5-0000-7000-8000-00000000e2e0', payload],
    );
    await db.query(
      'INSERT INTO derivation_queue (raw_event_id, event_hash, queued_at) VALUES ($1, $2, now())',
      [raw.id, raw.event_hash],
    );
  } finally {
    await db.end();
  }
  // The worker polls the queue every second.
  for (let i = 0; ; i++) {
    const queue = await readApi(baseUrl, readToken, '/v1/derivation');
    if (queue.failed > 0 && queue.backlog === 0) break;
    assert.ok(i < 300, `not set aside: ${JSON.stringify(queue)}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }

  for (const colorScheme of ['light', 'dark']) {
    await signedIn(
      '/data',
      async (page, screenshot) => {
        const list = page.getByRole('list', { name: 'Set-aside events' });
        await list.waitFor({ timeout: 60_000 });
        await list
          .getByText(/no longer a valid event: \$\.eventTime/)
          .waitFor();
        await list.getByText('e2e/stale.event').waitFor();
        await screenshot(`overview-set-aside-${colorScheme}`);
      },
      { colorScheme },
    );
  }
});
