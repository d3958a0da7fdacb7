// The catalog and search side of the deployment under test, as an adopter
// sets them up: the simulated teams as Groups in a catalog location of
// their own, and the data platform's entity provider and search collator
// on quick schedules, so a journey waits seconds rather than the default
// ten minutes. Journeys wait for them by polling the catalog's and
// search's APIs, never by sleeping.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSmallPlatformOrg } from './simulator.mjs';

const quickly = {
  frequency: { seconds: 5 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 2 },
};

/**
 * Writes the simulated platform's org as YAML and a config file that adds
 * it as a catalog location (next to the production config's own, which a
 * list in a later config file replaces) and schedules the provider and
 * the collator every few seconds; returns the config file's path.
 *
 * @param {string} dir
 */
export async function writeCatalogConfig(dir) {
  const org = join(dir, 'simulated-org.yaml');
  await writeSmallPlatformOrg({ out: org });
  const file = join(dir, 'app-config.catalog.json');
  writeFileSync(
    file,
    JSON.stringify({
      catalog: {
        locations: [
          { type: 'file', target: './catalog-info.yaml' },
          {
            type: 'file',
            target: './examples/org.yaml',
            rules: [{ allow: ['User', 'Group'] }],
          },
          { type: 'file', target: org, rules: [{ allow: ['User', 'Group'] }] },
        ],
        providers: { dataPlatform: { schedule: quickly } },
      },
      search: { collators: { dataPlatform: { schedule: quickly } } },
    }),
  );
  return file;
}

/**
 * GETs a backend API path as the signed-in user.
 *
 * @param {string} baseUrl @param {string} token @param {string} path
 */
async function get(baseUrl, token, path) {
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok)
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return await res.json();
}

/**
 * Polls `read` every 250 ms until it returns something other than
 * undefined; fails with `what` after `timeoutMs`.
 *
 * @template T
 * @param {string} what @param {() => Promise<T | undefined>} read
 * @returns {Promise<T>}
 */
export async function eventually(what, read, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/**
 * The catalog's entities matching a `filter` query (`kind=api,…`), as
 * its API serves them (processed and stitched).
 *
 * @param {string} baseUrl @param {string} token @param {string} filter
 */
export async function catalogEntities(baseUrl, token, filter) {
  const { items } = await get(
    baseUrl,
    token,
    `/api/catalog/entities/by-query?filter=${encodeURIComponent(
      filter,
    )}&limit=100`,
  );
  return items;
}

/**
 * Search's results for `term` among the data platform's documents.
 *
 * @param {string} baseUrl @param {string} token @param {string} term
 */
export async function searchDataPlatform(baseUrl, token, term) {
  const { results } = await get(
    baseUrl,
    token,
    `/api/search/query?term=${encodeURIComponent(
      term,
    )}&types%5B0%5D=data-platform`,
  );
  return results;
}
