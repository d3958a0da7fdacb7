import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { migratedDatabase } from '../database/migrations';
import { createFactWriter } from '../projectors';
import { EventLogStore } from './EventLogStore';
import { scheduleRawEventRetention } from './retention';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'raw event retention on %s',
  databaseId => {
    it('is off unless configured', async () => {
      const knex = await databases.init(databaseId);
      const store = new EventLogStore(
        await migratedDatabase({ getClient: async () => knex }),
        createFactWriter(),
      );
      const scheduler = mockServices.scheduler.mock();
      await scheduleRawEventRetention({
        config: mockServices.rootConfig({ data: {} }),
        scheduler,
        store,
        logger: mockServices.logger.mock(),
      });
      expect(scheduler.scheduleTask).not.toHaveBeenCalled();
    });

    it('deletes raw events older than the configured retention, daily', async () => {
      const knex = await databases.init(databaseId);
      const store = new EventLogStore(
        await migratedDatabase({ getClient: async () => knex }),
        createFactWriter(),
      );
      const day = 24 * 3600 * 1000;
      const row = (hash: string, ageDays: number) => ({
        event_hash: hash.repeat(64),
        event_kind: 'run',
        received_at: new Date(Date.now() - ageDays * day),
        payload: '{}',
      });
      await knex('raw_events').insert([
        row('a', 40),
        row('b', 10),
        row('c', 0),
        row('d', 50),
      ]);
      // Not derived yet: retention must leave it for the worker.
      const queued = await knex('raw_events')
        .where('event_hash', 'd'.repeat(64))
        .first('id');
      await knex('derivation_queue').insert({
        raw_event_id: queued.id,
        event_hash: 'd'.repeat(64),
        queued_at: new Date(),
      });

      let task: SchedulerServiceTaskInvocationDefinition | undefined;
      const scheduler = mockServices.scheduler.mock({
        scheduleTask: async t => {
          task = t;
        },
      });
      await scheduleRawEventRetention({
        config: mockServices.rootConfig({
          data: {
            dataPlatform: { ingestion: { rawEventRetention: { days: 30 } } },
          },
        }),
        scheduler,
        store,
        logger: mockServices.logger.mock(),
      });
      expect(task).toMatchObject({
        id: 'data-platform-raw-event-retention',
        frequency: { hours: 24 },
      });
      await task!.fn(new AbortController().signal);
      const left = await knex('raw_events')
        .orderBy('event_hash')
        .pluck('event_hash');
      expect(left).toEqual(['b'.repeat(64), 'c'.repeat(64), 'd'.repeat(64)]);
    });
  },
);
