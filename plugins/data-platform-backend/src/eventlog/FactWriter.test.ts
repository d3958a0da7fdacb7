import { TestDatabases } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { runEvent } from '../__testUtils__/events';
import { deriveFacts } from '../openlineage/deriveFacts';
import { createFactWriter } from '../projectors';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const directory = resolve(__dirname, '../../migrations');

describe('the fact writer and its projectors on POSTGRES_15', () => {
  // Two transactions create the same run: the second's insert waits for
  // the first, is skipped when it commits, and must then merge into the
  // row the first wrote rather than lose either event.
  it('merges into a row another transaction created meanwhile', async () => {
    const knex = await databases.init('POSTGRES_15');
    await knex.migrate.latest({ directory });
    const runId = randomUUID();
    const output = { namespace: 'bigquery', name: 'analytics.plays' };
    const facts = (eventType: string, eventTime: string) =>
      deriveFacts(
        runEvent({ eventType, eventTime, runId, outputs: [output] }) as any,
      );

    const first = await knex.transaction();
    const writer = createFactWriter();
    await writer.apply(first, [facts('START', '2026-11-26T01:00:00Z')]);
    const second = knex.transaction(trx =>
      writer.apply(trx, [facts('COMPLETE', '2026-11-26T01:10:00Z')]),
    );
    // The second transaction waits on the first's uncommitted run row.
    for (let waiting = 0; waiting === 0; ) {
      const { rows } = await knex.raw(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      waiting = rows[0].n;
      await new Promise(done => setTimeout(done, 20));
    }
    await first.commit();
    await second;

    const run = await knex('runs').where({ run_id: runId }).first();
    expect(run).toMatchObject({
      state: 'COMPLETED',
      started_at: new Date('2026-11-26T01:00:00Z'),
      ended_at: new Date('2026-11-26T01:10:00Z'),
      created_at: new Date('2026-11-26T01:00:00Z'),
      updated_at: new Date('2026-11-26T01:10:00Z'),
    });
    const endpoint = await knex('endpoints').first();
    expect(endpoint).toMatchObject({
      name: 'analytics.plays',
      created_at: new Date('2026-11-26T01:00:00Z'),
      updated_at: new Date('2026-11-26T01:10:00Z'),
    });
  });
});
