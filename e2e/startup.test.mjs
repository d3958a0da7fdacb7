// Boot under load: pipeline runtimes keep posting while the backend starts.
// Backstage's HTTP server listens before plugins mount their routes, and an
// OpenLineage client takes a 404 as final and drops the event; the backend
// holds the metadata service's routes with 503 and Retry-After until it has
// started (createStartupGate). A load generator posts from the moment the
// process is spawned: no request may get a 404, and every event the service
// accepted must be kept.
//
// Run after `yarn build:backend` with `yarn test:e2e`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { guestToken, startDeployment } from './lib/deployment.mjs';
import { derived, readApi } from './lib/simulator.mjs';

const root = resolve(import.meta.dirname, '..');
const artifacts = join(root, 'e2e-artifacts');
const port = 7017;
const ingestToken = 'e2e-startup-ingest-token-not-a-secret';
const sleep = ms => new Promise(r => setTimeout(r, ms));

/**
 * Posts single events from `workers` loops, each as an OpenLineage HTTP
 * client would: a refused connection or a 503 with Retry-After is retried,
 * any other answer is final.
 */
function startLoad(baseUrl, workers = 4) {
  const answers = [];
  const accepted = [];
  let stopping = false;
  const post = runId =>
    fetch(`${baseUrl}/api/data-platform/v1/lineage`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${ingestToken}`,
      },
      body: JSON.stringify({
        eventType: 'START',
        eventTime: new Date().toISOString(),
        run: { runId },
        job: { namespace: 'e2e-startup', name: 'load' },
        inputs: [],
        outputs: [],
        producer: 'https://github.com/data-platform/e2e',
        schemaURL:
          'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      }),
    });
  const worker = async () => {
    while (!stopping) {
      const runId = randomUUID();
      for (;;) {
        let res;
        try {
          res = await post(runId);
        } catch {
          if (stopping) break;
          await sleep(20);
          continue;
        }
        const retryAfter = res.headers.get('retry-after');
        answers.push({
          status: res.status,
          retryAfter,
          body: await res.text(),
        });
        if (res.status === 503 && retryAfter) {
          await sleep(Math.min(Number(retryAfter) * 1000, 200));
          continue;
        }
        if (res.status === 201) accepted.push(runId);
        break;
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    answers,
    accepted,
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}

let deployment;
let load;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  deployment = await startDeployment({
    port,
    ingestToken,
    databasePrefix: 'dp_e2e_startup_',
    logFile: join(artifacts, 'backend-startup.log'),
    installStdio: 'ignore',
    onSpawn: baseUrl => {
      load = startLoad(baseUrl);
    },
  });
});

after(async () => {
  await load?.stop();
  await deployment?.stop();
});

test('no request gets a 404 while the backend starts, and every accepted event is kept', async t => {
  // Ready; let the load run on a little before stopping it.
  const atReady = load.accepted.length;
  const deadline = Date.now() + 60_000;
  while (load.accepted.length < atReady + 40 && Date.now() < deadline) {
    await sleep(50);
  }
  await load.stop();

  const byStatus = {};
  for (const { status } of load.answers) {
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  t.diagnostic(`answers by status: ${JSON.stringify(byStatus)}`);
  const unexpected = load.answers.filter(
    a => a.status !== 201 && !(a.status === 503 && a.retryAfter),
  );
  assert.deepEqual(unexpected.slice(0, 5), []);

  const { baseUrl } = deployment;
  const token = await guestToken(baseUrl);
  await derived({ baseUrl, token });
  const overview = await readApi(baseUrl, token, '/v1/overview');
  assert.equal(overview.ingestion.acceptedEvents, load.accepted.length);
  assert.equal(overview.counts.runs, load.accepted.length);
});
