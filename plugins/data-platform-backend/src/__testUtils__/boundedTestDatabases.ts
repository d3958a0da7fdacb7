import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';

/**
 * Connections one PostgreSQL test database may hold at once. Backstage's
 * test pools allow 5 and keep idle connections 5 seconds, and a file's
 * databases stay open until it ends: with two test workers, other
 * packages' suites and other databases on the server, a full run went past
 * PostgreSQL's 100 connections. Three lets a migration's transaction and
 * knex's migrator beside it run while a third statement waits.
 */
const MAX_CONNECTIONS = 3;
const IDLE_TIMEOUT_MS = 1_000;

const opened = new WeakMap<TestDatabases, Knex[]>();
// shutdown() is private: TestDatabases.create registers it to run after
// the file's tests.
const prototype = TestDatabases.prototype as unknown as {
  init(this: TestDatabases, id: TestDatabaseId): Promise<Knex>;
  shutdown(this: TestDatabases): Promise<void>;
};
const { init, shutdown } = prototype;

/**
 * Every PostgreSQL database a test file gets from `TestDatabases` comes
 * with a pool bounded as above; and when the file ends, it fails if one of
 * its databases could not be dropped because a connection the file opened
 * (a knex instance it made, a backend it started on its own client) was
 * still open. Installed for every test file by `setupTests.ts`.
 */
export function boundTestDatabases() {
  prototype.init = async function boundedInit(
    this: TestDatabases,
    id: TestDatabaseId,
  ) {
    const given = await init.call(this, id);
    if (given.client.config.client !== 'pg') return given;
    // It has not connected yet: TestDatabases creates databases with its
    // own administrative connection.
    await given.destroy();
    const { pool, ...config } = given.client.config;
    const knex = knexFactory({
      ...config,
      pool: {
        ...pool,
        min: 0,
        max: MAX_CONNECTIONS,
        idleTimeoutMillis: IDLE_TIMEOUT_MS,
      },
    });
    opened.set(this, [...(opened.get(this) ?? []), knex]);
    return knex;
  };

  prototype.shutdown = async function boundedShutdown(this: TestDatabases) {
    const knexes = opened.get(this) ?? [];
    opened.delete(this);
    await Promise.all(knexes.map(knex => knex.destroy()));
    // Drops the databases; a database something is still connected to is
    // left behind, silently.
    await shutdown.call(this);
    if (knexes.length > 0) await expectDropped(knexes);
  };
}

async function expectDropped(knexes: Knex[]) {
  const { connection } = knexes[0].client.config;
  const names = knexes.map(knex => knex.client.config.connection.database);
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  try {
    const left: { datname: string; application_name: string }[] = await admin(
      'pg_stat_activity',
    )
      .whereIn('datname', names)
      .select('datname', 'application_name');
    const leftover: string[] = await admin('pg_database')
      .whereIn('datname', names)
      .pluck('datname');
    if (leftover.length > 0) {
      await Promise.all(
        leftover.map(name =>
          admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]),
        ),
      );
      throw new Error(
        `The suite left ${left.length} connection(s) open to ${
          leftover.length
        } test database(s) (${left
          .map(c => c.application_name || 'unnamed')
          .join(', ')}): destroy each knex instance it creates and stop ` +
          `each backend it starts on one before the suite ends`,
      );
    }
  } finally {
    await admin.destroy();
  }
}
