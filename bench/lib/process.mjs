// @ts-check
// Starting the service as a separate process, and reading what Linux knows
// about processes: resident memory and CPU time. A separate process keeps
// the load generator's own CPU and heap out of the service's figures.
import { spawn } from 'node:child_process';
import {
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

// USER_HZ is 100 on every mainstream Linux build; /proc reports CPU in it.
const TICKS_PER_SECOND = 100;

/** A free TCP port on the loopback interface. */
export async function freePort() {
  return await new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? ok(address.port)
          : fail(new Error('no port')),
      );
    });
  });
}

/** Resident set size of a process in bytes, or undefined once it is gone. */
export function rssBytes(/** @type {number} */ pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} pid */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; fields resume after its ')'.
  const close = stat.lastIndexOf(')');
  return {
    comm: stat.slice(stat.indexOf('(') + 1, close),
    rest: stat.slice(close + 2).split(' '),
  };
}

/**
 * CPU seconds a process has used (user + system). With `children`, also
 * what its exited, reaped children used, which is how the PostgreSQL
 * postmaster accounts for backends that have come and gone.
 *
 * @param {number | string} pid @param {boolean} [children]
 */
export function cpuSeconds(pid, children = false) {
  try {
    const { rest } = statFields(String(pid));
    // rest[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
    let ticks = Number(rest[11]) + Number(rest[12]);
    if (children) ticks += Number(rest[13]) + Number(rest[14]);
    return ticks / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used by every PostgreSQL process on this machine, including
 * backends that exited. It counts other clients too, which is why the
 * report calls it the server's figure rather than the benchmark's.
 */
export function postgresCpuSeconds() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (statFields(entry).comm === 'postgres')
        total += cpuSeconds(entry, true);
    } catch {
      // Processes vanish between readdir and read.
    }
  }
  return total;
}

/**
 * @typedef {{
 *   pid: number,
 *   url: string,
 *   logFile: string,
 *   statements: () => Promise<number | undefined>,
 *   snapshot: () => Promise<{ statements: number, queries?: { text: string, values?: unknown[], ms?: number }[] } | undefined>,
 *   exited: Promise<{ code: number | null, signal: string | null }>,
 *   stop: () => Promise<{ code: number | null, signal: string | null }>,
 * }} Service
 */

/**
 * Starts bench/lib/service.cjs with a generated config file and waits until
 * the backend reports ready.
 *
 * @param {{
 *   dir: string,
 *   name: string,
 *   database: object,
 *   token: string,
 *   dataPlatform?: object,
 *   cpuProfDir?: string,
 *   logLevel?: string,
 *   readyTimeoutMs?: number,
 *   env?: Record<string, string>,
 *   script?: string,
 *   config?: Record<string, unknown>,
 * }} options `script` is the backend to start (default
 *   bench/lib/service.cjs), `config` more top-level config keys.
 * @returns {Promise<Service>}
 */
export async function startService(options) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = {
    backend: {
      baseUrl: url,
      listen: { host: '127.0.0.1', port },
      database: options.database,
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: options.token, subject: 'bench' },
          },
        ],
      },
    },
    dataPlatform: options.dataPlatform ?? {},
    ...options.config,
  };
  const configFile = join(options.dir, `${options.name}.config.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logFile = join(options.dir, `${options.name}.log`);
  const statsFile = join(options.dir, `${options.name}.stats.json`);
  const log = openSync(logFile, 'w');

  const nodeArgs = [];
  if (options.cpuProfDir) {
    nodeArgs.push(
      '--cpu-prof',
      `--cpu-prof-dir=${options.cpuProfDir}`,
      `--cpu-prof-name=${options.name}.cpuprofile`,
    );
  }
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      options.script ?? join(root, 'bench/lib/service.cjs'),
      '--config',
      configFile,
    ],
    {
      cwd: root,
      // Production mode, as deployed: JSON log lines, no config watching.
      // The service logs to a file so a full pipe can never stall it.
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: options.logLevel ?? 'info',
        BENCH_STATS_FILE: statsFile,
        ...options.env,
      },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  if (!child.pid) throw new Error('The service process did not start');
  const pid = child.pid;

  /** @type {Promise<{ code: number | null, signal: string | null }>} */
  const exited = new Promise(ok =>
    child.once('exit', (code, signal) => ok({ code, signal })),
  );
  let gone = false;
  exited.then(() => {
    gone = true;
  });

  const stop = async () => {
    if (gone) return exited;
    // SIGINT lets Backstage shut down cleanly and exit, which is also when
    // --cpu-prof writes its profile.
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };

  const readStats = () => {
    try {
      return JSON.parse(readFileSync(statsFile, 'utf8'));
    } catch {
      return undefined;
    }
  };
  /**
   * The service's counters, asked for by signal: SQL statements sent so
   * far, and with BENCH_CAPTURE_SQL=1 the statements since the last ask.
   */
  const snapshot = async () => {
    if (gone) return undefined;
    const before = readStats()?.written ?? 0;
    child.kill('SIGUSR2');
    for (let i = 0; i < 50; i++) {
      await new Promise(r => setTimeout(r, 20));
      const stats = readStats();
      if (stats && stats.written > before) return stats;
    }
    return undefined;
  };
  /** SQL statements the service has sent so far. */
  const statements = async () => (await snapshot())?.statements;

  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (gone) {
      throw new Error(`The service exited during startup; see ${logFile}`);
    }
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`, {
        signal: AbortSignal.timeout(2000),
      });
      await res.arrayBuffer();
      if (res.ok) {
        return { pid, url, logFile, statements, snapshot, exited, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise(r => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The service was not ready in time; see ${logFile}`);
}
