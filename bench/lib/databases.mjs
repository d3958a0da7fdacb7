// @ts-check
// Scratch databases for a run: PostgreSQL databases named bench_* on the
// local server, SQLite files in a temporary directory. Everything created
// here is dropped by the caller when the run ends, pass or fail.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './process.mjs';

const require = createRequire(join(root, 'package.json'));
/** @type {typeof import('knex').knex} */
const knexFactory = require('knex');

export const migrationsDir = join(
  root,
  'plugins/data-platform-backend/migrations',
);

/** The local PostgreSQL server, overridable like the e2e tests'. */
export const postgres = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.POSTGRES_PORT ?? 5432),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? 'postgres',
};

if (!['127.0.0.1', 'localhost', '::1'].includes(postgres.host)) {
  throw new Error('The benchmark only talks to a PostgreSQL on localhost');
}

/** @param {string} name */
function checkName(name) {
  // Only ever create or drop databases this benchmark owns.
  if (!/^bench_[a-z0-9_]+$/.test(name)) {
    throw new Error(`Refusing to touch database ${name}`);
  }
  return name;
}

/** @param {(admin: import('knex').Knex) => Promise<void>} fn */
async function withAdmin(fn) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...postgres, database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  try {
    await fn(admin);
  } finally {
    await admin.destroy();
  }
}

/** @param {string} name */
export async function createPgDatabase(name) {
  await withAdmin(async admin => {
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      checkName(name),
    ]);
    await admin.raw('CREATE DATABASE ??', [name]);
  });
}

/** @param {string} name */
export async function dropPgDatabase(name) {
  await withAdmin(async admin => {
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      checkName(name),
    ]);
  });
}

/** The server's version, for the report. */
export async function pgVersion() {
  let version = 'unknown';
  await withAdmin(async admin => {
    const { rows } = await admin.raw('show server_version');
    version = rows[0].server_version;
  });
  return version;
}

/** SQLite's version as better-sqlite3 bundles it. */
export function sqliteVersion() {
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  try {
    return db.prepare('select sqlite_version() as v').get().v;
  } finally {
    db.close();
  }
}

/**
 * A knex client configured like Backstage configures the plugin's: the
 * same driver and pool bounds, so the floor is not measured with an
 * advantage the service does not have.
 *
 * @param {{ kind: 'postgres', database: string } | { kind: 'sqlite', filename: string }} target
 */
export function openKnex(target) {
  if (target.kind === 'postgres') {
    return knexFactory({
      client: 'pg',
      connection: { ...postgres, database: target.database },
      pool: { min: 0, max: 10 },
      useNullAsDefault: true,
    });
  }
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: target.filename },
    useNullAsDefault: true,
  });
}

/** @param {import('knex').Knex} knex */
export async function migrate(knex) {
  await knex.migrate.latest({ directory: migrationsDir });
}
