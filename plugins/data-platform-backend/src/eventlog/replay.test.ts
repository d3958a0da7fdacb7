import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import request from 'supertest';
import { derivedTables } from '../__testUtils__/derivedState';
import { platformEvents, queueingService } from '../__testUtils__/queueing';
import {
  derived,
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';
import { OpenLineageValidator } from '../openlineage/OpenLineageValidator';
import { createFactWriter } from '../projectors';
import { ReplayStore } from './ReplayStore';
import { DerivationQueue } from './types';
import { derivePayload } from '../openlineage/openLineageSource';
import { DerivationWorker } from './DerivationWorker';
import { Replayer } from './Replayer';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const logger = mockServices.logger.mock();

/** A replay store over every projector's tables, as the plugin has. */
const replayStore = (knex: Knex) =>
  new ReplayStore(knex, createFactWriter().derivedTables);

/**
 * A worker whose derivation throws for the raw events `poisoned` picks
 * out, as a derivation bug would; facts always come from the raw log.
 */
function poisonedWorker(
  store: DerivationQueue,
  validator: OpenLineageValidator,
  poisoned: (payload: string) => boolean,
) {
  return new DerivationWorker(
    store,
    logger,
    payload => {
      if (poisoned(payload)) throw new Error('cannot derive this one');
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
}

async function drain(worker: DerivationWorker) {
  worker.start();
  await worker.whenIdle();
}

/**
 * A replay store whose `step` holds, after its first call, until released:
 * a replay in the middle of its work, at a point the test knows.
 */
function holdAfterFirst(store: ReplayStore, step: 'clearDerived' | 'requeue') {
  let reach: () => void = () => {};
  let release: () => void = () => {};
  const reached = new Promise<void>(resolve => (reach = resolve));
  const released = new Promise<void>(resolve => (release = resolve));
  const original = (store[step] as (...args: any[]) => Promise<any>).bind(
    store,
  );
  let calls = 0;
  Object.assign(store, {
    [step]: async (...args: any[]) => {
      const result = await original(...args);
      if (++calls === 1) {
        reach();
        await released;
      }
      return result;
    },
  });
  return { store, reached, release };
}

const post = (server: any, path: string) =>
  request(server)
    .post(`/api/data-platform/v1/${path}`)
    .set('Authorization', mockCredentials.user.header());

const health = (server: any) =>
  request(server)
    .get('/api/data-platform/health')
    .set('Authorization', mockCredentials.user.header());

describe.each(databases.eachSupportedId())(
  'replay on %s',
  (databaseId: TestDatabaseId) => {
    it('sets aside events whose derivation fails, lists them, counts them in health, and replays over them', async () => {
      const knex = await databases.init(databaseId);
      const {
        queue: store,
        validator,
        ingestion,
      } = await queueingService(knex);
      const events = platformEvents(6);
      // The COMPLETE events of runs 1 and 4.
      const poisoned = [events[3], events[9]];
      await ingestion.ingestBatch(events);
      const isPoisoned = (payload: string) =>
        poisoned.some(
          e => payload.includes(e.run.runId) && payload.includes('COMPLETE'),
        );

      const worker = poisonedWorker(store, validator, isPoisoned);
      await drain(worker);
      const before = await derivedTables(knex);
      const setAside = await store.listFailedDerivations({});
      expect(setAside.items).toEqual(
        [poisoned[1], poisoned[0]].map(e =>
          expect.objectContaining({
            eventKind: 'run',
            eventType: 'COMPLETE',
            runId: e.run.runId,
            job: e.job,
            error: 'cannot derive this one',
          }),
        ),
      );

      // Chunks of 5: the log's 12 events take three, the derived rows more.
      const replayer = new Replayer(
        replayStore(knex),
        logger,
        count => worker.requeued(count),
        5,
      );
      await expect(replayer.replay()).resolves.toEqual({ queued: 12 });
      await worker.whenIdle();
      await worker.stop();
      expect(await derivedTables(knex)).toEqual(before);
      expect(await store.getDerivationBacklog()).toMatchObject({
        backlog: 0,
        replaying: 0,
        failed: 2,
      });
      expect(await knex('derivation_replay')).toEqual([]);

      // Through the API: listed with the reason, page by page, and a
      // known state for the health check, not a failure.
      const server = await startService(knex);
      const first = await getAsUser(server, 'derivation/failed?limit=1');
      expect(first.status).toBe(200);
      expect(first.body.items).toEqual([
        expect.objectContaining({
          rawEventId: setAside.items[0].rawEventId,
          runId: poisoned[1].run.runId,
          error: 'cannot derive this one',
          failedAt: expect.any(String),
          receivedAt: expect.any(String),
        }),
      ]);
      const second = await getAsUser(
        server,
        `derivation/failed?limit=1&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items).toEqual([
        expect.objectContaining({ runId: poisoned[0].run.runId }),
      ]);
      expect(second.body.nextCursor).toBeUndefined();
      const status = await health(server);
      expect(status.status).toBe(200);
      expect(status.body.checks).toContainEqual({
        name: 'derivation',
        status: 'ok',
        message: expect.stringContaining(
          '2 set aside because their derivation failed (GET /v1/derivation/failed',
        ),
      });
      const { body } = await getAsUser(server, 'derivation');
      expect(body).toMatchObject({ backlog: 0, replaying: 0, failed: 2 });
    });

    it('sets aside, with the reason, a raw event the validator no longer accepts', async () => {
      const knex = await databases.init(databaseId);
      const {
        queue: store,
        validator,
        ingestion,
      } = await queueingService(knex);
      const events = platformEvents(2);
      await ingestion.ingestBatch(events);
      // As an event kept before a limit came in: its time is past what the
      // validator accepts now.
      const stale = await knex('raw_events').orderBy('id').first('id');
      await knex('raw_events')
        .where('id', stale.id)
        .update({
          payload: JSON.stringify({
            ...events[0],
            eventTime: '0000-01-01T00:00:00Z',
          }),
        });

      const worker = poisonedWorker(store, validator, () => false);
      await drain(worker);
      await worker.stop();
      const setAside = await store.listFailedDerivations({});
      expect(setAside.items).toEqual([
        expect.objectContaining({
          rawEventId: String(stale.id),
          error: expect.stringMatching(
            /^The raw event is no longer a valid event: \$\.eventTime /,
          ),
        }),
      ]);
      expect(await store.getDerivationBacklog()).toMatchObject({
        backlog: 0,
        failed: 1,
      });
    });

    it('runs one replay at a time; reads and ingestion are answered while it queues', async () => {
      const knex = await databases.init(databaseId);
      const { queue: store, log, ingestion } = await queueingService(knex);
      await ingestion.ingestBatch(platformEvents(6));
      const held = holdAfterFirst(replayStore(knex), 'requeue');
      const first = new Replayer(held.store, logger, () => {}, 5).replay();
      await held.reached;

      // Another instance over the same database.
      const second = new Replayer(replayStore(knex), logger).replay();
      await expect(second).rejects.toThrow(ConflictError);
      await expect(second).rejects.toThrow(
        /A replay started at .* is still queuing the raw log/,
      );
      expect(await store.getDerivationBacklog()).toMatchObject({
        replay: { clearing: false },
      });
      expect((await log.listRawEvents({ limit: 3 })).items).toHaveLength(3);
      await expect(
        ingestion.ingestBatch(platformEvents(7).slice(12)),
      ).resolves.toMatchObject({ status: 'success' });

      held.release();
      await expect(first).resolves.toEqual({ queued: 12 });
      // Released: the next replay runs, and covers what came meanwhile.
      await expect(
        new Replayer(replayStore(knex), logger).replay(),
      ).resolves.toEqual({ queued: 14 });
    });

    it('applies nothing while a replay clears, and answers reads and ingestion meanwhile', async () => {
      const knex = await databases.init(databaseId);
      const {
        queue: store,
        validator,
        assets,
        ingestion,
      } = await queueingService(knex);
      await ingestion.ingestBatch(platformEvents(6));
      await drain(poisonedWorker(store, validator, () => false));
      const held = holdAfterFirst(replayStore(knex), 'clearDerived');
      const replay = new Replayer(held.store, logger, () => {}, 5).replay();
      await held.reached;

      expect(await store.getDerivationBacklog()).toMatchObject({
        replay: { clearing: true },
      });
      expect((await assets.listWorkflows({})).items.length).toBeGreaterThan(0);
      await ingestion.ingestBatch(platformEvents(7).slice(12));
      // A worker's claim takes nothing until the clear is done.
      const source = {
        cached: () => undefined,
        derive: (): never => {
          throw new Error('nothing may be derived while a replay clears');
        },
      };
      expect(await store.deriveQueued({ limit: 100 }, source)).toEqual([]);
      const inline = await queueingService(knex, { mode: 'inline' });
      await inline.ingestion.ingestBatch(platformEvents(8).slice(14));
      // Inline ingestion queues its events instead of applying them.
      expect(await store.getDerivationBacklog()).toMatchObject({
        backlog: 4,
      });

      held.release();
      await expect(replay).resolves.toEqual({ queued: 16 });
      const worker = poisonedWorker(store, validator, () => false);
      await drain(worker);
      await worker.stop();
      const [{ n }] = await knex('runs').count({ n: '*' });
      expect(Number(n)).toBe(8);
    });

    it('does not refuse producers because of the events a replay queued', async () => {
      const knex = await databases.init(databaseId);
      const queued = await queueingService(knex);
      await queued.ingestion.ingestBatch(platformEvents(6));
      await drain(poisonedWorker(queued.queue, queued.validator, () => false));

      // A fresh instance that allows 5 waiting events.
      const {
        queue: store,
        worker,
        ingestion,
      } = await queueingService(knex, {
        maxBacklog: 5,
      });
      const replayer = new Replayer(replayStore(knex), logger, count =>
        worker.requeued(count),
      );
      await expect(replayer.replay()).resolves.toEqual({ queued: 12 });
      expect(await store.getDerivationBacklog()).toMatchObject({
        backlog: 12,
        replaying: 12,
      });
      await expect(
        ingestion.ingestBatch(platformEvents(7).slice(12)),
      ).resolves.toMatchObject({ status: 'success' });
    });

    it('answers 409 while another instance replays, and takes over a replay whose process died', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex);
      await ingestBatch(server, platformEvents(3));
      const now = Date.now();
      await knex('derivation_replay').insert({
        id: 'replay',
        owner: 'another instance',
        started_at: new Date(now),
        heartbeat_at: new Date(now),
        clearing: false,
      });
      const busy = await post(server, 'admin/replay');
      expect(busy.status).toBe(409);
      expect(busy.body.error).toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('is still queuing the raw log'),
      });

      // Its process died while clearing: no heartbeat for three minutes.
      await knex('derivation_replay').update({
        heartbeat_at: new Date(now - 3 * 60_000),
        clearing: true,
      });
      const stopped = await health(server);
      expect(stopped.status).toBe(503);
      expect(stopped.body.checks).toContainEqual({
        name: 'derivation',
        status: 'failing',
        message: expect.stringContaining('stopped before it had queued'),
      });
      const res = await post(server, 'admin/replay');
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ queued: 6 });
      await derived(server);
      expect((await health(server)).status).toBe(200);
      expect(await knex('derivation_replay')).toEqual([]);
    });
  },
);
