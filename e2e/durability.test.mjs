// kill -9 durability of the production build on PostgreSQL: concurrent
// producers stream simulated OpenLineage events, single and in batches,
// while the backend process is killed with SIGKILL (no shutdown hook runs),
// then started again on the same database. Producers retry what was not
// acknowledged, as real ones do. Every acknowledged event must be in the
// raw log when the process dies, every event exactly once at the end, and
// the derivation queue must drain with nothing failed into the runs the
// events describe.
//
// The raw log and the queue are read with SQL, not through the API: the
// ingestion token is only for sending, and the database is the ground
// truth a restart starts from.
//
// Run after `yarn build:backend` with `yarn test:e2e`; the backend's logs
// land in e2e-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { freePort } from '../bench/lib/process.mjs';
import {
  connectDatabase,
  dropDatabases,
  prepareDeployment,
} from './lib/deployment.mjs';
import { produce, Tally } from './lib/producer.mjs';
import { simulatedEvents } from './lib/simulator.mjs';

const root = resolve(import.meta.dirname, '..');
const artifacts = join(root, 'e2e-artifacts');
const ingestToken = 'e2e-durability-ingest-token-not-a-secret';
// Not under the smoke test's dp_e2e_ prefix, which it drops on start.
const databasePrefix = 'dp_durability_';
// Backstage gives each plugin its own database, named by plugin id.
const database = `${databasePrefix}data-platform`;
// Events per request of each producer: three send one event per request,
// three send batches.
const producers = [1, 1, 1, 20, 20, 20];

let deployment;
let backend;
let db;
const producing = new AbortController();

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  await dropDatabases(databasePrefix);
  deployment = prepareDeployment({
    port: await freePort(),
    ingestToken,
    databasePrefix,
    logFile: join(artifacts, 'durability-backend.log'),
    installStdio: 'ignore',
  });
});

after(async () => {
  producing.abort();
  await db?.end();
  // Its databases are dropped next: no need to wait out a graceful
  // shutdown, which takes Backstage tens of seconds on a busy machine.
  await backend?.kill();
  deployment?.remove();
  await dropDatabases(databasePrefix);
});

/** How many times the raw log holds each (run id, event type). */
async function rawLog() {
  const { rows } = await db.query(
    'select run_id, event_type, count(*)::int as n from raw_events group by 1, 2',
  );
  return new Map(rows.map(r => [`${r.run_id} ${r.event_type}`, r.n]));
}

async function derivationQueue() {
  const { rows } = await db.query(
    'select count(*)::int as queued, count(failed_at)::int as failed from derivation_queue',
  );
  return rows[0];
}

// A bound on a hung run (CI runs the e2e suite under a 30-minute budget),
// far above what the test takes.
test(
  'no acknowledged event is lost or doubled when the backend is killed with SIGKILL mid-stream',
  { timeout: 600_000 },
  async t => {
    const testStarted = Date.now();
    const events = (
      await simulatedEvents({
        workflows: 100,
        days: 3,
        until: '2026-11-30T00:00:00Z',
      })
    ).map(text => {
      const event = JSON.parse(text);
      return {
        text,
        key: `${event.run.runId} ${event.eventType}`,
        runId: event.run.runId,
        eventType: event.eventType,
        job: `${event.job.namespace} ${event.job.name}`,
      };
    });
    // The key the raw log is checked by must tell the events apart.
    const keyIndex = new Map(events.map((e, i) => [e.key, i]));
    assert.equal(keyIndex.size, events.length);

    const started = Date.now();
    backend = await deployment.start();
    db = await connectDatabase(database);
    t.diagnostic(
      `${events.length} events; backend ready in ${Date.now() - started} ms`,
    );

    const tally = new Tally();
    tally.phase = 'before the kill';
    const sendingStarted = Date.now();
    const acked = new Set();
    let halfway;
    const oneHalfway = new Promise(resolve => {
      halfway = resolve;
    });
    // Round robin, so that a run's events come from different producers, in
    // any order, some alone and some in batches. The kill comes when the
    // first producer has half of its events acknowledged: then every
    // producer still has at least half of its events to send.
    const sending = Promise.all(
      producers.map((batchSize, p) => {
        const mine = events.filter((_, i) => i % producers.length === p);
        let mineAcked = 0;
        return produce({
          url: `${deployment.baseUrl}/api/data-platform`,
          token: ingestToken,
          events: mine.map(e => e.text),
          batchSize,
          tally,
          signal: producing.signal,
          onAck: index => {
            acked.add(mine[index].key);
            if (++mineAcked >= mine.length / 2) halfway();
          },
        });
      }),
    );
    // A producer that fails ends the wait too.
    await Promise.race([oneHalfway, sending]);

    const pid = backend.pid;
    assert.equal(await backend.kill(), 'signal SIGKILL');
    tally.phase = 'while down and restarting';
    const killedAt = Date.now();
    // Nothing answers until the restart: every acknowledgement so far came
    // from the killed process, and must be in what it left on disk.
    const ackedByKilled = [...acked];
    const kinds = { single: 0, batch: 0 };
    for (const key of ackedByKilled) {
      const producer = keyIndex.get(key) % producers.length;
      kinds[producers[producer] === 1 ? 'single' : 'batch']++;
    }
    const kept = await rawLog();
    const queue = await derivationQueue();
    assert.deepEqual(
      ackedByKilled.filter(key => kept.get(key) !== 1),
      [],
      'acknowledged by the killed process but not in its raw log once',
    );
    t.diagnostic(
      `killed pid ${pid} with ${ackedByKilled.length} of ${events.length} ` +
        `events acknowledged (${kinds.single} single, ${kinds.batch} in ` +
        `batches) ${killedAt - sendingStarted} ms into sending; ` +
        `its raw log kept ${kept.size} ` +
        `(${kept.size - ackedByKilled.length} committed without an answer), ` +
        `${queue.queued} of them not derived yet`,
    );

    backend = await deployment.start(
      join(artifacts, 'durability-backend-restarted.log'),
    );
    tally.phase = 'after ready';
    t.diagnostic(`restarted, ready ${Date.now() - killedAt} ms after the kill`);

    const results = await sending;
    assert.deepEqual(
      results.flatMap(r => r.rejected),
      [],
    );
    assert.equal(acked.size, events.length);
    // The kill landed mid-stream: requests were cut off or refused.
    assert.ok(tally.total('no answer') > 0, String(tally));
    t.diagnostic(
      `all acknowledged ${Date.now() - sendingStarted} ms after the first send`,
    );
    t.diagnostic(`answers the producers saw: ${tally}`);

    const drainStarted = Date.now();
    const deadline = drainStarted + 300_000;
    for (;;) {
      const { queued, failed } = await derivationQueue();
      assert.equal(failed, 0, 'events failed to derive');
      if (queued === 0) break;
      assert.ok(Date.now() < deadline, `${queued} events still queued`);
      await pause(200);
    }
    t.diagnostic(
      `backlog drained ${Date.now() - drainStarted} ms after the last answer`,
    );

    const log = await rawLog();
    assert.deepEqual(
      events
        .filter(e => log.get(e.key) !== 1)
        .map(e => [e.key, log.get(e.key)]),
      [],
      'events not in the raw log exactly once',
    );
    assert.equal(
      log.size,
      events.length,
      'the raw log holds only these events',
    );

    // Each run's state is its terminal event's, else its START's, on the
    // workflow of its job.
    const expected = new Map();
    for (const e of events) {
      if (!expected.has(e.runId) || e.eventType !== 'START') {
        expected.set(e.runId, `${e.eventType} ${e.job}`);
      }
    }
    const { rows } = await db.query(
      `select r.run_id, r.state_event_type, w.namespace, w.name
       from runs r join workflows w on w.id = r.workflow_id
      where r.run_id = any($1)`,
      [[...expected.keys()]],
    );
    const derived = new Map(
      rows.map(r => [
        r.run_id,
        `${r.state_event_type} ${r.namespace} ${r.name}`,
      ]),
    );
    assert.deepEqual(derived, expected);
    t.diagnostic(`${Date.now() - testStarted} ms in all`);
  },
);
