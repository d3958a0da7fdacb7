import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@data-platform/plugin-data-platform-backend',
  'migrations',
);

/**
 * The plugin's database, migrated to the latest schema (`migrations/`,
 * forward-only) unless `backend.database.skipMigrations` is set.
 */
export async function migratedDatabase(
  database: Pick<DatabaseService, 'getClient' | 'migrations'>,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await migrateLatest(client);
  }
  return client;
}

// Any constant: it names this plugin's migrations among advisory locks.
const MIGRATIONS_LOCK = 7_151_606_522_300_411;

/**
 * Replicas starting together on PostgreSQL would race to create knex's
 * migrations table, or find it locked, and one would fail to start;
 * instead each waits its turn on an advisory lock, held by a transaction
 * while knex migrates on other connections. SQLite has one process.
 */
async function migrateLatest(client: Knex) {
  const latest = () => client.migrate.latest({ directory: migrationsDir });
  if (databaseClientOf(client) !== 'pg') {
    await latest();
    return;
  }
  await client.transaction(async trx => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [MIGRATIONS_LOCK]);
    await latest();
  });
}

/** The engine behind a client, e.g. `pg` or `better-sqlite3`. */
export function databaseClientOf(db: Knex): string {
  return String(db.client.config.client);
}
