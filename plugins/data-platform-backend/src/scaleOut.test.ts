import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { derivedState } from './__testUtils__/derivedState';
import { airflowScenario } from './__testUtils__/events';
import { platformEvents } from './__testUtils__/queueing';
import { derived as allDerived } from './__testUtils__/testService';
import { dataPlatformPlugin } from './plugin';

jest.setTimeout(180_000);

// Replicas share one database, which SQLite cannot be; the single-instance
// behaviour on both databases is covered by the other suites.
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const describeOnPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

const RETENTION_TASK = 'data-platform-raw-event-retention';

type Replica = {
  name: string;
  knex: Knex;
  server: Server;
  logger: ReturnType<typeof mockServices.logger.mock>;
  /** The raw events this replica derived, as it derived them. */
  derived: number[];
  stop(): Promise<void>;
};

/**
 * One backend replica as a deployment runs it: the real plugin and the
 * real, database-backed scheduler, with its own connection pool to the
 * shared database, whose connections carry the replica's name (in
 * pg_stat_activity, and in the leak check's message).
 */
async function startReplica(
  name: string,
  database: Knex,
  config: object,
): Promise<Replica> {
  const { connection, ...settings } = database.client.config;
  const knex = knexFactory({
    ...settings,
    connection: { ...connection, application_name: name },
  });
  const logger = mockServices.logger.mock();
  const derivedHere = recordDerivations(knex);
  try {
    const backend = await startTestBackend({
      features: [
        dataPlatformPlugin,
        schedulerServiceFactory,
        logger.factory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return {
      name,
      knex,
      server: backend.server,
      logger,
      derived: derivedHere,
      stop: async () => {
        await backend.stop();
        await knex.destroy();
      },
    };
  } catch (error) {
    await knex.destroy();
    throw error;
  }
}

const post = (server: Server, path: string, body: unknown) =>
  request(server)
    .post(`/api/data-platform/${path}`)
    .set('Authorization', mockCredentials.service.header())
    .send(body as object);

/**
 * Records the queued events a replica's transactions took and committed:
 * the rows carrying a `raw_event_id` that statements on the derivation
 * queue returned inside a transaction, counted when that transaction
 * commits. A worker takes events off the queue in the transaction that
 * applies their facts, so these are the derivations that took effect; a
 * rolled-back claim leaves its events queued for another try.
 */
function recordDerivations(knex: Knex) {
  const committed: number[] = [];
  const claimed = new Map<string, number[]>();
  knex.on('query-response', (response: any, query: any) => {
    if (!query.__knexTxId || !/derivation_queue/.test(query.sql)) return;
    const rows = Array.isArray(response) ? response : response?.rows;
    const ids = (rows ?? [])
      .filter((row: any) => row?.raw_event_id !== undefined)
      .map((row: any) => Number(row.raw_event_id));
    claimed.set(query.__knexTxId, [
      ...(claimed.get(query.__knexTxId) ?? []),
      ...ids,
    ]);
  });
  knex.on('query', (query: any) => {
    if (!query.__knexTxId) return;
    if (/^COMMIT/i.test(query.sql)) {
      committed.push(...(claimed.get(query.__knexTxId) ?? []));
    }
    if (/^(COMMIT|ROLLBACK)/i.test(query.sql)) {
      claimed.delete(query.__knexTxId);
    }
  });
  return committed;
}

/** Runs of the retention task each replica's plugin logged. */
function retentionRuns(replica: Replica) {
  return replica.logger.info.mock.calls
    .map(([message]) => String(message))
    .filter(message => /^Deleted \d+ raw events/.test(message));
}

/**
 * Starts replicas whose scheduler workers skip retention's initial delay.
 * A worker waits out a task's initial delay (5 minutes for retention) in
 * memory before it looks for due work, even work triggered meanwhile;
 * only that wait, which starts while the plugin starts, is cut short.
 * When the task is due, and who runs it, stays the scheduler's business.
 */
async function withoutInitialDelay<T>(start: () => Promise<T>) {
  const initialDelayMs = 5 * 60 * 1000;
  const setTimeout = global.setTimeout;
  const spy = jest
    .spyOn(global, 'setTimeout')
    .mockImplementation(((callback: () => void, ms?: number, ...args: []) =>
      setTimeout(callback, ms === initialDelayMs ? 0 : ms, ...args)) as any);
  try {
    return await start();
  } finally {
    spy.mockRestore();
  }
}

async function until(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describeOnPostgres('two replicas on one POSTGRES_15 database', () => {
  // What this proves, and what would make it fail:
  // - Replicas start together on an empty database: both migrate it.
  //   knex alone lets one fail to start (its migrations table is created
  //   twice, or found locked).
  // - Both replicas derive from one queue at once, in small batches, while
  //   both ingest. If a claim were not atomic (say, the queued rows were
  //   read and deleted in two steps without a lock), both replicas would
  //   be handed, derive and commit the same events, and an event would be
  //   recorded twice; so would an event one replica queued again after the
  //   other stored it (the same event delivered to both). An event no
  //   replica took, or one set aside as failed, would be missing.
  // - Concurrent derivations of different events about the same runs,
  //   workflows and endpoints read, merge and write the same rows. Without
  //   row locks one replica's write would overwrite the other's merge, and
  //   the state would differ from what one instance derives alone.
  // - Retention runs through Backstage's scheduler, whose database lock
  //   lets one replica run a global task. A task run by each replica on
  //   its own (a local task, or a plain timer) would log twice, and the
  //   other replica would not see the run in the shared task state.
  it('derive every event once, reach one instance’s state, and run scheduled work once', async () => {
    const events = [...airflowScenario(), ...platformEvents(80)];
    // Delivered to both replicas: retries, or a load balancer's redelivery.
    const same = events.filter((_, i) => i % 4 === 0);
    // Delivered to one replica or the other.
    const different = events.filter((_, i) => i % 4 !== 0);

    // The reference: one instance given every event once.
    const alone = await databases.init('POSTGRES_15');
    const single = await startReplica('single', alone, {});
    let expected;
    try {
      for (let i = 0; i < events.length; i += 25) {
        await post(
          single.server,
          'v1/lineage/batch',
          events.slice(i, i + 25),
        ).expect(200);
      }
      expected = await derivedState(single.knex, single.server);
    } finally {
      await single.stop();
    }
    expect(expected.runs.length).toBe(16 + 80);

    const shared = await databases.init('POSTGRES_15');
    // Small claims make the replicas' workers take turns on the queue.
    const config = {
      dataPlatform: {
        ingestion: {
          derivation: { batchSize: 5 },
          rawEventRetention: { milliseconds: 1 },
        },
      },
    };
    // Replicas start together, as a rollout starts them.
    const replicas = await withoutInitialDelay(() =>
      Promise.all([
        startReplica('replica-a', shared, config),
        startReplica('replica-b', shared, config),
      ]),
    );
    const [a, b] = replicas;
    try {
      const sends = [];
      for (let i = 0; i < same.length; i += 5) {
        const batch = same.slice(i, i + 5);
        sends.push(post(a.server, 'v1/lineage/batch', batch));
        sends.push(post(b.server, 'v1/lineage/batch', batch));
      }
      for (let i = 0; i < different.length; i += 5) {
        const replica = (i / 5) % 2 ? a : b;
        const batch = different.slice(i, i + 5);
        sends.push(post(replica.server, 'v1/lineage/batch', batch));
        sends.push(post(replica.server, 'v1/lineage', batch[0]));
      }
      for (const response of await Promise.all(sends)) {
        expect(response.status).toBeLessThan(300);
      }
      await allDerived(a.server, 60_000);
      await allDerived(b.server, 60_000);

      // (a) The same state as one instance reached.
      expect(await derivedState(shared, a.server)).toEqual(expected);

      // (b) Every stored event derived exactly once, by one replica or the
      // other; both did derive (the test would prove little otherwise).
      const stored: number[] = (await shared('raw_events').pluck('id'))
        .map(Number)
        .sort((x, y) => x - y);
      expect(stored).toHaveLength(events.length);
      expect([...a.derived, ...b.derived].sort((x, y) => x - y)).toEqual(
        stored,
      );
      expect(a.derived.length).toBeGreaterThan(0);
      expect(b.derived.length).toBeGreaterThan(0);
      expect(await shared('derivation_queue').count({ n: '*' })).toEqual([
        { n: '0' },
      ]);

      // (c) Retention is due (every derived event is older than its 1 ms);
      // the scheduler is told to run it now, through its HTTP API.
      await post(
        a.server,
        `.backstage/scheduler/v1/tasks/${RETENTION_TASK}/trigger`,
        {},
      ).expect(200);
      await until(
        () => replicas.some(r => retentionRuns(r).length > 0),
        30_000,
      );
      // Both replicas' workers look for due work every 5 seconds: after
      // longer than that, a second run would have happened.
      await new Promise(resolve => setTimeout(resolve, 7_000));
      const runs = replicas.flatMap(retentionRuns);
      expect(runs).toEqual([
        expect.stringMatching(`^Deleted ${events.length} raw events`),
      ]);
      expect(await shared('raw_events').count({ n: '*' })).toEqual([
        { n: '0' },
      ]);
      // Each replica reads the task's state from the shared database.
      for (const replica of replicas) {
        const { body } = await request(replica.server)
          .get('/api/data-platform/.backstage/scheduler/v1/tasks')
          .set('Authorization', mockCredentials.service.header())
          .expect(200);
        const task = body.tasks.find((t: any) => t.taskId === RETENTION_TASK);
        expect(task).toMatchObject({
          scope: 'global',
          taskState: { status: 'idle', lastRunEndedAt: expect.any(String) },
        });
      }
    } finally {
      await Promise.all(replicas.map(replica => replica.stop()));
    }
  });
});
