import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolve(__dirname, '../../migrations');
const time = (iso: string) => new Date(iso);

describe.each(databases.eachSupportedId())(
  'migrations on %s',
  (databaseId: TestDatabaseId) => {
    it('keeps schema versions through the write-path upgrade, and back', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({
        directory,
        name: '20261126000000_ingestion_log.js',
      });
      await knex.migrate.up({ directory, name: '20261126010000_metadata.js' });
      await knex('endpoints').insert({
        id: 'e1',
        namespace: 'ns',
        name: 'table',
        schema_hash: 'new',
        schema_time: time('2026-01-03T00:00:00Z'),
        created_at: time('2026-01-01T00:00:00Z'),
        updated_at: time('2026-01-03T00:00:00Z'),
      });
      const version = (hash: string, first: string, last: string) => ({
        endpoint_id: 'e1',
        hash,
        fields: '[]',
        field_count: 0,
        first_seen_at: time(first),
        last_seen_at: time(last),
      });
      await knex('schema_versions').insert([
        version('old', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
        version('new', '2026-01-02T12:00:00Z', '2026-01-03T00:00:00Z'),
      ]);
      const lastSeen = async () =>
        Object.fromEntries(
          (await knex('schema_versions').orderBy('hash')).map(r => [
            r.hash,
            r.last_seen_at === null ? null : new Date(r.last_seen_at).getTime(),
          ]),
        );

      await knex.migrate.latest({ directory });
      // The superseded version keeps its last sighting; the current one's
      // is the endpoint's schema_time from now on.
      expect(await lastSeen()).toEqual({
        new: null,
        old: time('2026-01-02T00:00:00Z').getTime(),
      });

      await knex.migrate.down({ directory });
      expect(await lastSeen()).toEqual({
        new: time('2026-01-03T00:00:00Z').getTime(),
        old: time('2026-01-02T00:00:00Z').getTime(),
      });
    });
  },
);

const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe.each(postgres)('migrations on %s', (databaseId: TestDatabaseId) => {
  it('compresses raw payloads with lz4', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    const { rows } = await knex.raw(
      "SELECT attname, attcompression FROM pg_attribute WHERE attrelid IN ('raw_events'::regclass, 'dead_letters'::regclass) AND attname = 'payload'",
    );
    expect(rows.map((r: any) => r.attcompression)).toEqual(['l', 'l']);
  });
});
