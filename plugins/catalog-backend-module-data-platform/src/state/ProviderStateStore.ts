import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/**
 * What the provider last applied of each entity it emitted: its hash and
 * the full sync (generation) that last saw it. In the catalog's database
 * (a catalog module's `coreServices.database` is the catalog's), so the
 * tables carry a prefix no catalog table has.
 */
export const STATE_TABLE = 'data_platform_provider_state';
/** Counters and watermarks: the generation, each list's change watermark. */
export const META_TABLE = 'data_platform_provider_meta';
/** The knex migrations table of the two above (and its `_lock`). */
export const MIGRATIONS_TABLE = 'data_platform_provider_knex_migrations';

export type EmittedKind = 'endpoint' | 'workflow';

type Migration = {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
};

// Inline rather than files: a module's package ships no migrations folder,
// and these are the only two tables it has.
const MIGRATIONS: Record<string, Migration> = {
  '20261203190000_provider_state': {
    async up(knex) {
      await knex.schema.createTable(STATE_TABLE, table => {
        table.comment(
          'Entities the data platform provider emitted: hash and last full sync',
        );
        table.string('entity_ref', 255).primary();
        table.string('kind', 16).notNullable();
        table.string('hash', 64).notNullable();
        table.integer('generation').notNullable();
        table.index(['generation'], `${STATE_TABLE}_generation_idx`);
      });
      await knex.schema.createTable(META_TABLE, table => {
        table.comment('The data platform provider: generation, watermarks');
        table.string('key', 64).primary();
        table.text('value').notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTable(META_TABLE);
      await knex.schema.dropTable(STATE_TABLE);
    },
  },
};

const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS).sort(),
  getMigrationName: name => name,
  getMigration: async name => MIGRATIONS[name],
};

// Rows per statement: far under SQLite's bound-parameter limit.
const CHUNK = 500;

/** The provider's state, read and written a page at a time. */
export class ProviderStateStore {
  static async create(database: DatabaseService): Promise<ProviderStateStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        migrationSource,
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new ProviderStateStore(knex);
  }

  constructor(private readonly db: Knex) {}

  /** The stored hashes of the given entities, those it has. */
  async hashes(refs: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows = await this.db(STATE_TABLE)
        .whereIn('entity_ref', refs.slice(i, i + CHUNK))
        .select('entity_ref', 'hash');
      for (const row of rows) result.set(row.entity_ref, row.hash);
    }
    return result;
  }

  /** Records what was applied (or found unchanged), seen by `generation`. */
  async record(
    rows: { entityRef: string; kind: EmittedKind; hash: string }[],
    generation: number,
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db(STATE_TABLE)
        .insert(
          rows.slice(i, i + CHUNK).map(row => ({
            entity_ref: row.entityRef,
            kind: row.kind,
            hash: row.hash,
            generation,
          })),
        )
        .onConflict('entity_ref')
        .merge();
    }
  }

  /** Up to `limit` entities no sync since `generation` (exclusive) saw. */
  async unseenSince(generation: number, limit: number): Promise<string[]> {
    const rows = await this.db(STATE_TABLE)
      .where('generation', '<', generation)
      .orderBy('entity_ref')
      .limit(limit)
      .select('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async forget(refs: string[]): Promise<void> {
    for (let i = 0; i < refs.length; i += CHUNK) {
      await this.db(STATE_TABLE)
        .whereIn('entity_ref', refs.slice(i, i + CHUNK))
        .delete();
    }
  }

  /** The generation of the full sync that ran last (0 before any). */
  async generation(): Promise<number> {
    return Number((await this.get('generation')) ?? 0);
  }

  /** Starts a full sync: the next generation. */
  async nextGeneration(): Promise<number> {
    const next = (await this.generation()) + 1;
    await this.set('generation', String(next));
    return next;
  }

  /** The greatest `changedAt` a sync has applied of a list, if any. */
  async watermark(kind: EmittedKind): Promise<string | undefined> {
    return this.get(`watermark:${kind}`);
  }

  async setWatermark(kind: EmittedKind, value: string): Promise<void> {
    await this.set(`watermark:${kind}`, value);
  }

  private async get(key: string): Promise<string | undefined> {
    const row = await this.db(META_TABLE).where({ key }).first('value');
    return row?.value;
  }

  private async set(key: string, value: string): Promise<void> {
    await this.db(META_TABLE).insert({ key, value }).onConflict('key').merge();
  }
}
