import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { bulkInsert, selectForUpdate } from './bulkWrite';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'bulk writes on %s',
  (databaseId: TestDatabaseId) => {
    it('inserts, skips, merges where a condition holds, and returns keys', async () => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('things', table => {
        table.string('id').primary();
        table.text('doc').notNullable();
        table.text('note').nullable();
        table.timestamp('seen_at', { useTz: true }).notNullable();
      });
      const at = (iso: string) => new Date(iso);
      const doc = { quote: 'a "quoted" \\ value', list: [1, 2] };

      // More rows than one VALUES statement may bind on SQLite.
      const many = Array.from({ length: 12_000 }, (_, i) => ({
        id: `t${String(i).padStart(5, '0')}`,
        doc,
        note: null,
        seen_at: at('2026-01-01T00:00:00Z'),
      }));
      const created = await bulkInsert(knex, 'things', many, {
        onConflict: { keys: ['id'], ignore: true },
        returning: 'id',
      });
      expect(created).toHaveLength(12_000);

      const again = await bulkInsert(
        knex,
        'things',
        [
          { ...many[0], note: 'older', seen_at: at('2025-12-31T00:00:00Z') },
          { ...many[1], note: 'newer', seen_at: at('2026-01-02T00:00:00Z') },
          {
            id: 'new',
            doc: [],
            note: 'new',
            seen_at: at('2026-01-03T00:00:00Z'),
          },
        ],
        {
          onConflict: {
            keys: ['id'],
            update: ['note'],
            set: { seen_at: 'excluded.seen_at' },
            where: 'things.seen_at <= excluded.seen_at',
          },
          returning: 'id',
        },
      );
      // The older row lost the condition: neither updated nor returned.
      expect(again.map(r => r.id).sort()).toEqual(['new', 't00001']);

      const rows = await selectForUpdate(knex, 'things', 'id', [
        't00001',
        't00000',
        'new',
        'missing',
      ]);
      expect(rows.map(r => [r.id, r.note])).toEqual([
        ['new', 'new'],
        ['t00000', null],
        ['t00001', 'newer'],
      ]);
      // Objects and arrays are stored as their JSON text, exactly.
      expect(rows.map(r => r.doc)).toEqual([
        '[]',
        JSON.stringify(doc),
        JSON.stringify(doc),
      ]);
    });

    it('refuses a name that is not a plain identifier', async () => {
      const knex = await databases.init(databaseId);
      await expect(
        bulkInsert(knex, 'things; DROP TABLE x', [{ id: 1 }]),
      ).rejects.toThrow('Not a column or table name');
    });
  },
);
