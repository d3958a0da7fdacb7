// The production build deployed as the Backstage Dockerfile lays it out:
// the backend's skeleton, its production dependencies, the bundle and the
// config, started on PostgreSQL. Shared by the browser smoke test, the
// kill -9 durability test and the browser benchmark (bench:lineage-ui),
// which all need the real app.
import { spawn, execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  cpSync,
  createWriteStream,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(join(root, 'packages/backend/package.json'));
const pg = require('pg');

export const postgres = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: process.env.POSTGRES_PORT ?? '5432',
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? 'postgres',
};

function yarn(args, cwd, stdio) {
  execFileSync(
    process.execPath,
    [join(root, '.yarn/releases/yarn-4.13.0.cjs'), ...args],
    {
      cwd,
      stdio,
      env: { ...process.env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
    },
  );
}

/**
 * A connected client of one database on the deployments' server; the
 * caller ends it.
 *
 * @param {string} database
 */
export async function connectDatabase(database) {
  const client = new pg.Client({ ...postgres, database });
  await client.connect();
  return client;
}

/** Drops the databases a deployment with this prefix created. */
export async function dropDatabases(prefix) {
  const client = await connectDatabase('postgres');
  try {
    const { rows } = await client.query(
      'select datname from pg_database where datname like $1',
      [`${prefix.replaceAll('_', '\\_')}%`],
    );
    for (const { datname } of rows) {
      await client.query(
        `drop database "${datname.replaceAll('"', '""')}" with (force)`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Unpacks packages/backend/dist into a temporary directory, installs its
 * production dependencies and writes its config, for databases named with
 * `databasePrefix` and with `extraConfigFiles` layered last. Nothing runs
 * yet: `start()` starts the backend, and can start it again on the same
 * databases after it stopped or was killed.
 *
 * @param {{
 *   port: number,
 *   ingestToken: string,
 *   databasePrefix: string,
 *   logFile: string,
 *   extraConfigFiles?: string[],
 *   installStdio?: 'inherit' | 'ignore',
 *   readyTimeoutMs?: number,
 *   onSpawn?: (baseUrl: string) => void,
 * }} options
 */
export function prepareDeployment(options) {
  const baseUrl = `http://localhost:${options.port}`;
  const deployDir = mkdtempSync(join(tmpdir(), 'data-platform-deploy-'));
  const dist = join(root, 'packages/backend/dist');
  execFileSync('tar', ['xzf', join(dist, 'skeleton.tar.gz'), '-C', deployDir]);
  for (const file of [
    'package.json',
    'yarn.lock',
    '.yarnrc.yml',
    '.yarn/releases',
    'backstage.json',
  ]) {
    cpSync(join(root, file), join(deployDir, file), { recursive: true });
  }
  yarn(
    ['workspaces', 'focus', '--all', '--production'],
    deployDir,
    options.installStdio ?? 'inherit',
  );
  execFileSync('tar', ['xzf', join(dist, 'bundle.tar.gz'), '-C', deployDir]);
  for (const file of [
    'app-config.yaml',
    'app-config.production.yaml',
    'catalog-info.yaml',
    'examples',
  ]) {
    cpSync(join(root, file), join(deployDir, file), { recursive: true });
  }
  // Guest sign-in outside development, the port and the database prefix.
  writeFileSync(
    join(deployDir, 'app-config.deployment.yaml'),
    JSON.stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: `:${options.port}`,
        database: { prefix: options.databasePrefix },
      },
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
    }),
  );
  const configArgs = [
    'app-config.yaml',
    'app-config.production.yaml',
    'app-config.deployment.yaml',
    ...(options.extraConfigFiles ?? []),
  ].flatMap(file => ['--config', file]);

  return {
    baseUrl,
    /**
     * Starts the backend (the node process itself, no shell or yarn in
     * between, so `kill()` signals the process that serves) and resolves
     * once it reports ready. Its output goes to `logFile`, by default the
     * deployment's.
     */
    start: (logFile = options.logFile) =>
      startBackend({ ...options, baseUrl, deployDir, configArgs, logFile }),
    remove: () => rmSync(deployDir, { recursive: true, force: true }),
  };
}

/**
 * @param {Parameters<typeof prepareDeployment>[0] & {
 *   baseUrl: string, deployDir: string, configArgs: string[],
 * }} options
 */
async function startBackend(options) {
  const { baseUrl } = options;
  const log = createWriteStream(options.logFile);
  const backend = spawn(
    process.execPath,
    ['packages/backend', ...options.configArgs],
    {
      cwd: options.deployDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        POSTGRES_HOST: postgres.host,
        POSTGRES_PORT: postgres.port,
        POSTGRES_USER: postgres.user,
        POSTGRES_PASSWORD: postgres.password,
        DATA_PLATFORM_INGEST_TOKEN: options.ingestToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  options.onSpawn?.(baseUrl);
  backend.stdout.pipe(log);
  backend.stderr.pipe(log);
  /** @type {string | undefined} */
  let exited;
  /** @type {Promise<string>} */
  const exit = new Promise(resolveExit =>
    backend.once('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      exited = how;
      resolveExit(how);
    }),
  );
  const signal = async (/** @type {NodeJS.Signals} */ name) => {
    if (!exited) backend.kill(name);
    return await exit;
  };
  const running = {
    pid: backend.pid,
    exited: () => exited,
    /** SIGTERM, a graceful shutdown. */
    stop: () => signal('SIGTERM'),
    /** SIGKILL: no shutdown hook runs. Resolves with how it exited. */
    kill: () => signal('SIGKILL'),
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`backend exited with ${exited}; see ${options.logFile}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return running;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  await running.stop();
  throw new Error(
    `backend not ready after ${options.readyTimeoutMs ?? 180_000} ms: ${last}`,
  );
}

/**
 * Signs in as the guest, as the browser does, and returns the user token:
 * the ingestion token can only ingest, so reads go through a user. In this
 * deployment the guest is in the admin group (app-config.yaml).
 *
 * @param {string} baseUrl
 * @returns {Promise<string>}
 */
export async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
  }
  return (await res.json()).backstageIdentity.token;
}

/**
 * A deployment on fresh databases (those named with the prefix are dropped
 * first), started; `stop()` stops it and removes its directory.
 *
 * @param {Parameters<typeof prepareDeployment>[0]} options
 */
export async function startDeployment(options) {
  const deployment = prepareDeployment(options);
  let backend;
  try {
    await dropDatabases(options.databasePrefix);
    backend = await deployment.start();
  } catch (error) {
    deployment.remove();
    throw error;
  }
  return {
    baseUrl: deployment.baseUrl,
    stop: async () => {
      await backend.stop();
      deployment.remove();
    },
    exited: backend.exited,
  };
}
