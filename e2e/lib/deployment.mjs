// The production build deployed as the Backstage Dockerfile lays it out:
// the backend's skeleton, its production dependencies, the bundle and the
// config, started on PostgreSQL. Shared by the browser smoke test and the
// browser benchmark (bench:lineage-ui), which both need the real app.
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

/** Drops the databases a deployment with this prefix created. */
export async function dropDatabases(prefix) {
  const client = new pg.Client({ ...postgres, database: 'postgres' });
  await client.connect();
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
 * production dependencies and starts it on fresh databases named with
 * `databasePrefix`, with `extraConfig` layered last. Resolves once the
 * backend reports ready.
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
export async function startDeployment(options) {
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

  await dropDatabases(options.databasePrefix);

  const configArgs = [
    'app-config.yaml',
    'app-config.production.yaml',
    'app-config.deployment.yaml',
    ...(options.extraConfigFiles ?? []),
  ].flatMap(file => ['--config', file]);
  const log = createWriteStream(options.logFile);
  const backend = spawn(process.execPath, ['packages/backend', ...configArgs], {
    cwd: deployDir,
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
  });
  options.onSpawn?.(baseUrl);
  backend.stdout.pipe(log);
  backend.stderr.pipe(log);
  let exited;
  backend.on('exit', code => {
    exited = `code ${code}`;
  });

  const stop = async () => {
    if (!exited) {
      backend.kill('SIGTERM');
      await new Promise(r => backend.once('exit', r));
    }
    rmSync(deployDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`backend exited with ${exited}; see ${options.logFile}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return { baseUrl, stop, exited: () => exited };
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  await stop();
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
