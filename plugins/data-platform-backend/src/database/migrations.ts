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
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

/** The engine behind a client, e.g. `pg` or `better-sqlite3`. */
export function databaseClientOf(db: Knex): string {
  return String(db.client.config.client);
}
