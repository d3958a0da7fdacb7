// @ts-check
// What bench:catalog reads: the metadata service's store loaded in bulk
// with a simulated platform (bench:lineage's generator and loader), every
// endpoint given a current schema, and the baseline's plain entities as
// static catalog files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLoaded, loadPlatform } from '../lineage/load.mjs';
import {
  TEAMS,
  computeIds,
  endpointIdentity,
  generatePlatform,
} from '../lineage/platform.mjs';

export { endpointIdentity };

/**
 * The platform of `endpoints` endpoints (and 40% as many workflows, the
 * simulator's scale shape).
 *
 * @param {{ endpoints: number, seed: number }} options
 */
export function platformOf(options) {
  const platform = generatePlatform({
    endpoints: options.endpoints,
    seed: options.seed,
  });
  computeIds(platform);
  return platform;
}

/**
 * Loads the platform's derived rows, then a current schema version per
 * endpoint (its `field_count` fields, a few with descriptions), which the
 * lineage loader leaves out: the provider's API entities carry the schema
 * as their definition and the collator indexes the field names, so both
 * are most of what they read.
 *
 * @param {import('knex').Knex} knex
 * @param {import('../lineage/platform.mjs').Platform} platform
 */
export async function loadStore(knex, platform) {
  const tables = await loadPlatform(knex, platform);
  const { counts } = await checkLoaded(knex);
  const t0 = performance.now();
  await knex.raw(`
    INSERT INTO schema_versions (endpoint_id, hash, fields, field_count, first_seen_at, last_seen_at)
    SELECT e.id, md5(e.id),
      (SELECT json_agg(json_build_object(
          'name', (ARRAY['user_id','track_id','market','device','played_at','ms_played','country','session_id','artist_id','revenue_usd'])[1 + (g % 10)] || CASE WHEN g >= 10 THEN '_' || g ELSE '' END,
          'type', (ARRAY['STRING','INTEGER','TIMESTAMP','FLOAT','BOOLEAN'])[1 + (g % 5)],
          'description', CASE WHEN g % 4 = 0 THEN 'Column ' || g || ' of ' || e.name ELSE NULL END)
        ORDER BY g)::text
       FROM generate_series(0, e.field_count - 1) g),
      e.field_count, e.created_at, NULL
    FROM endpoints e`);
  await knex.raw(
    'UPDATE endpoints SET schema_hash = md5(id), schema_time = updated_at',
  );
  await knex.raw('VACUUM (ANALYZE) endpoints, schema_versions');
  tables.schema_versions = {
    rows: counts.endpoints,
    seconds: (performance.now() - t0) / 1000,
  };
  return { tables, counts };
}

/**
 * The baseline: as many plain API and Component entities as the platform
 * has endpoints and workflows, in YAML files of 1,000 entities under
 * `dir`, for one `file` location with a glob. Plain: a name, an owner, a
 * type, a lifecycle, and for an API a one-line definition.
 *
 * @param {string} dir
 * @param {{ endpoints: number, workflows: number }} sizes
 */
export function writeBaselineFiles(dir, sizes) {
  mkdirSync(dir, { recursive: true });
  const perFile = 1000;
  /** @type {string[]} */
  let docs = [];
  let file = 0;
  const flush = () => {
    if (docs.length === 0) return;
    writeFileSync(join(dir, `entities-${file++}.yaml`), docs.join('---\n'));
    docs = [];
  };
  const add = (/** @type {string} */ doc) => {
    docs.push(doc);
    if (docs.length === perFile) flush();
  };
  for (let i = 0; i < sizes.endpoints; i++) {
    add(
      `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: plain-dataset-${i}
spec:
  type: dataset
  lifecycle: production
  owner: group:default/${TEAMS[i % TEAMS.length]}
  definition: '{"fields": []}'
`,
    );
  }
  for (let i = 0; i < sizes.workflows; i++) {
    add(
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: plain-pipeline-${i}
spec:
  type: data-pipeline
  lifecycle: production
  owner: group:default/${TEAMS[i % TEAMS.length]}
`,
    );
  }
  flush();
  return { files: file, target: join(dir, '*.yaml') };
}
