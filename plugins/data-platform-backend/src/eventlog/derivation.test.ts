import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { airflowScenario } from '../__testUtils__/events';
import { derivedState } from '../__testUtils__/derivedState';
import { platformEvents, queueingService } from '../__testUtils__/queueing';
import {
  derived,
  getAsUser,
  startService,
  stopServicesAfterEachTest,
} from '../__testUtils__/testService';
import { IngestionBackpressureError } from '../ingestion/IngestionService';
import { derivePayload } from '../openlineage/openLineageSource';
import { DerivationWorker } from './DerivationWorker';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
stopServicesAfterEachTest();

const post = (server: any, path: string, body: unknown) =>
  request(server)
    .post(`/api/data-platform/v1/${path}`)
    .set('Authorization', mockCredentials.service.header())
    .send(body as object);

async function count(knex: Knex, table: string) {
  return Number((await knex(table).count({ n: '*' }))[0].n);
}

/** A queueing store and ingestion service on a fresh database. */
async function queueing(
  databaseId: TestDatabaseId,
  derivation?: { maxBacklog?: number },
) {
  return await queueingService(await databases.init(databaseId), derivation);
}

describe.each(databases.eachSupportedId())(
  'background derivation on %s',
  databaseId => {
    it('derives what two instances queued concurrently as inline ingestion does', async () => {
      const events = [...airflowScenario(), ...platformEvents(60)];

      const inlineKnex = await databases.init(databaseId);
      const inline = await startService(inlineKnex, {
        dataPlatform: { ingestion: { derivation: { mode: 'inline' } } },
      });
      await post(inline, 'lineage/batch', events).expect(200);
      const expected = await derivedState(inlineKnex, inline);
      expect(expected.runs.length).toBe(16 + 60);

      // Two instances share one database and queue; small batches make
      // their workers claim and apply interleaved.
      const knex = await databases.init(databaseId);
      const config = {
        dataPlatform: { ingestion: { derivation: { batchSize: 7 } } },
      };
      const a = await startService(knex, config);
      const b = await startService(knex, config);
      const sends = [];
      for (let i = 0; i < events.length; i += 10) {
        const server = (i / 10) % 2 ? a : b;
        sends.push(post(server, 'lineage/batch', events.slice(i, i + 10)));
        sends.push(post(server, 'lineage', events[i]));
      }
      for (const res of await Promise.all(sends)) {
        expect(res.status).toBeLessThan(300);
      }
      await derived(a);
      expect(await derivedState(knex, b)).toEqual(expected);
      expect(await count(knex, 'derivation_queue')).toBe(0);
    });

    it('derives events an earlier process accepted but did not apply', async () => {
      // Accepted and queued by a process that stops before deriving them.
      const { knex, ingestion } = await queueing(databaseId);
      const result = await ingestion.ingestBatch(airflowScenario());
      expect(result.summary.successful).toBe(32);
      expect(await count(knex, 'endpoints')).toBe(0);
      expect(await count(knex, 'derivation_queue')).toBe(32);

      const server = await startService(knex);
      await derived(server);
      const { body } = await getAsUser(server, 'endpoints?limit=100');
      expect(body.items.map((e: any) => e.name)).toContain(
        'mock-project.test.upload',
      );
    });

    it('sets aside an event that fails to derive, and derives the others', async () => {
      const {
        knex,
        queue: store,
        validator,
        ingestion,
      } = await queueing(databaseId);
      const events = platformEvents(4);
      const poison = events[3].run.runId;
      await ingestion.ingestBatch(events);

      // Facts come from the raw log here (nothing is cached), so a
      // derivation that throws for one event stands in for a bug.
      const logger = mockServices.logger.mock();
      const worker = new DerivationWorker(
        store,
        logger,
        payload => {
          if (payload.includes(poison) && payload.includes('COMPLETE')) {
            throw new Error('cannot derive this one');
          }
          return derivePayload(validator, payload);
        },
        {
          batchSize: 100,
          busyBatchSize: 100,
          concurrency: 1,
          pollIntervalMs: 60_000,
          maxCachedEvents: 0,
          lingerMs: 0,
        },
      );
      worker.start();
      await new Promise(resolve => setTimeout(resolve, 50));
      await worker.whenIdle();
      await worker.stop();

      const queue = await knex('derivation_queue');
      expect(queue).toEqual([
        expect.objectContaining({ error: 'cannot derive this one' }),
      ]);
      expect(await store.getDerivationBacklog()).toEqual({
        backlog: 0,
        replaying: 0,
        failed: 1,
        oldestQueuedAt: undefined,
      });
      expect(
        (await knex('runs').orderBy('run_id')).map(r => [r.run_id, r.state]),
      ).toEqual(
        // Run 1's COMPLETE is the poisoned one; its START went through.
        ['FAILED', 'RUNNING', 'COMPLETED', 'COMPLETED'].map((state, i) => [
          events[2 * i].run.runId,
          state,
        ]),
      );
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('cannot derive this one'),
      );

      // The health check counts it without failing, and a replay (after a
      // fix) derives it.
      const server = await startService(knex);
      const health = await request(server)
        .get('/api/data-platform/health')
        .set('Authorization', mockCredentials.user.header());
      expect(health.status).toBe(200);
      expect(health.body.checks).toContainEqual({
        name: 'derivation',
        status: 'ok',
        message: expect.stringContaining(
          '1 set aside because their derivation failed',
        ),
      });
      await request(server)
        .post('/api/data-platform/v1/admin/replay')
        .set('Authorization', mockCredentials.user.header())
        .expect(202);
      await derived(server);
      expect(await store.getDerivationBacklog()).toMatchObject({
        backlog: 0,
        failed: 0,
      });
      const run = await getAsUser(server, `runs/${poison}`);
      expect(run.body.state).not.toBe('RUNNING');
    });

    it('refuses events while the queue is full, storing nothing', async () => {
      const { knex, ingestion } = await queueing(databaseId, {
        maxBacklog: 10,
      });
      // Not started: the 12 events stay queued.
      await ingestion.ingestBatch(platformEvents(6));
      await expect(ingestion.ingestBatch(platformEvents(1))).rejects.toThrow(
        IngestionBackpressureError,
      );
      await expect(
        ingestion.ingestOne(platformEvents(1)[0], '{}'),
      ).rejects.toThrow(/12 events are waiting to be derived/);

      const server = await startService(knex, {
        dataPlatform: { ingestion: { derivation: { maxBacklog: 0 } } },
      });
      const res = await post(server, 'lineage/batch', platformEvents(1));
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining('maxBacklog'),
      });
      const single = await post(server, 'lineage', platformEvents(1)[0]);
      expect(single.status).toBe(503);
      expect(await count(knex, 'raw_events')).toBe(12);
    });

    it('queues a redelivered event once', async () => {
      const { queue: store, ingestion } = await queueing(databaseId);
      const events = platformEvents(2);
      await ingestion.ingestBatch(events);
      await ingestion.ingestBatch(events);
      await ingestion.ingestOne(events[0], JSON.stringify(events[0]));
      expect(await store.getDerivationBacklog()).toMatchObject({
        backlog: 4,
        failed: 0,
      });
    });

    it('keeps and queues a batch larger than one statement takes', async () => {
      // 3,000 events pass the bound parameters one INSERT may carry, so
      // PostgreSQL stores them in a transaction of several statements
      // rather than in its single append statement.
      const { knex, queue: store, ingestion } = await queueing(databaseId);
      const events = platformEvents(1500);
      await ingestion.ingestBatch(events.slice(0, 10));
      const result = await ingestion.ingestBatch(events);
      expect(result.summary).toMatchObject({ received: 3000, failed: 0 });
      expect(await count(knex, 'raw_events')).toBe(3000);
      expect(await store.getDerivationBacklog()).toMatchObject({
        backlog: 3000,
      });
      const unqueued = await knex('raw_events')
        .leftJoin(
          'derivation_queue',
          'derivation_queue.raw_event_id',
          'raw_events.id',
        )
        .whereNull('derivation_queue.raw_event_id')
        .count({ n: '*' });
      expect(Number(unqueued[0].n)).toBe(0);
    });
  },
);
