// The runtime simulator, as the browser journeys use it to seed data: its
// command line, run from the repository's sources, sending OpenLineage to
// the backend under test over HTTP with the ingestion token, as a pipeline
// runtime would.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'packages/runtime-simulator/bin/runtime-simulator');

/** Runs the simulator's command line; resolves with what it reported. */
async function simulate(/** @type {string[]} */ args) {
  const { stderr } = await promisify(execFile)(
    process.execPath,
    [cli, ...args],
    { cwd: root },
  );
  return stderr;
}

/**
 * The small simulated platform the journeys seed: a few hundred events, so
 * they stay quick in CI. Its teams come from the same flags.
 */
const smallPlatform = [
  '--teams',
  '4',
  '--endpoints',
  '40',
  '--workflows',
  '20',
  '--days',
  '1',
];

/**
 * Seeds the small simulated platform. `token` ingests; `readToken` (a
 * user's: the ingestion token cannot read) waits for the derivation.
 *
 * @param {{ baseUrl: string, token: string, readToken: string, seed?: number }} options
 * @returns {Promise<string>} what the simulator reported
 */
export async function seedSmallPlatform({
  baseUrl,
  token,
  readToken,
  seed = 7,
}) {
  const report = await simulate([
    'seed',
    '--url',
    `${baseUrl}/api/data-platform`,
    '--token',
    token,
    '--seed',
    String(seed),
    ...smallPlatform,
  ]);
  await derived({ baseUrl, token: readToken });
  return report;
}

/**
 * Writes the small platform's teams as catalog Groups and Users (YAML), as
 * an adopter keeps their org in a catalog location: the owners the
 * simulated events name are then entities of the catalog.
 *
 * @param {{ out: string, seed?: number }} options
 */
export async function writeSmallPlatformOrg({ out, seed = 7 }) {
  await simulate([
    'org',
    '--out',
    out,
    '--seed',
    String(seed),
    ...smallPlatform,
  ]);
}

/**
 * The events a simulated platform's runtime emitted over `days` up to
 * `until`, in order, as the simulator writes them (one JSON text each), for
 * a test to send itself. The same options give the same events.
 *
 * @param {{ workflows: number, days: number, until: string, seed?: number }} options
 * @returns {Promise<string[]>}
 */
export async function simulatedEvents({ workflows, days, until, seed = 7 }) {
  const dir = mkdtempSync(join(tmpdir(), 'data-platform-events-'));
  try {
    const out = join(dir, 'events.ndjson');
    await simulate([
      'seed',
      '--out',
      out,
      '--seed',
      String(seed),
      '--teams',
      '4',
      // Each workflow writes at least one endpoint, and raw event streams
      // make up a quarter of them.
      '--endpoints',
      String(Math.ceil(workflows * 1.6)),
      '--workflows',
      String(workflows),
      '--days',
      String(days),
      '--until',
      until,
    ]);
    return readFileSync(out, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Waits until the service has applied every event it accepted: ingestion
 * answers once events are queued, and a worker derives them just after.
 *
 * @param {{ baseUrl: string, token: string, timeoutMs?: number }} options
 */
export async function derived({ baseUrl, token, timeoutMs = 60_000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const queue = await readApi(baseUrl, token, '/v1/derivation');
    if (queue.failed > 0) {
      throw new Error(`${queue.failed} events failed to derive`);
    }
    if (queue.backlog === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`${queue.backlog} events still queued`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/**
 * Reads from the service what a journey looks for in the browser.
 *
 * @param {string} baseUrl @param {string} token @param {string} path
 */
export async function readApi(baseUrl, token, path) {
  const res = await fetch(`${baseUrl}/api/data-platform${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok)
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return await res.json();
}
