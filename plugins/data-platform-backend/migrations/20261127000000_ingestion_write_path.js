// @ts-check

/**
 * Cheaper writes on the ingestion path.
 *
 * - `schema_versions.last_seen_at` becomes null for an endpoint's current
 *   version: its last sighting is the endpoint's `schema_time`, which every
 *   event moves anyway, so the version row need not be rewritten each time.
 *   It is set when the version is superseded.
 * - On PostgreSQL, raw payloads are compressed with lz4 rather than pglz:
 *   several times faster to compress for a slightly larger table. Existing
 *   values keep their compression until rewritten; both read the same.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('schema_versions', table => {
    table
      .timestamp('last_seen_at', { useTz: true })
      .nullable()
      .alter()
      .comment(
        'Last sighting once superseded; null for the current version, whose last sighting is endpoints.schema_time',
      );
  });
  await knex('schema_versions')
    .whereIn(
      ['endpoint_id', 'hash'],
      knex('endpoints').whereNotNull('schema_hash').select('id', 'schema_hash'),
    )
    .update({ last_seen_at: null });

  if (knex.client.config.client === 'pg' && (await supportsLz4(knex))) {
    await knex.raw(
      'ALTER TABLE raw_events ALTER COLUMN payload SET COMPRESSION lz4',
    );
    await knex.raw(
      'ALTER TABLE dead_letters ALTER COLUMN payload SET COMPRESSION lz4',
    );
  }
};

/**
 * PostgreSQL 14 and later, built with lz4 (as the common distributions are).
 *
 * @param {import('knex').Knex} knex
 */
async function supportsLz4(knex) {
  const { rows } = await knex.raw(
    "SELECT count(*)::int AS n FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)",
  );
  return rows[0].n > 0;
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg' && (await supportsLz4(knex))) {
    await knex.raw(
      'ALTER TABLE raw_events ALTER COLUMN payload SET COMPRESSION pglz',
    );
    await knex.raw(
      'ALTER TABLE dead_letters ALTER COLUMN payload SET COMPRESSION pglz',
    );
  }
  await knex('schema_versions')
    .whereNull('last_seen_at')
    .update({
      last_seen_at: knex('endpoints')
        .select('schema_time')
        .where('endpoints.id', knex.ref('schema_versions.endpoint_id')),
    });
  await knex.schema.alterTable('schema_versions', table => {
    table.timestamp('last_seen_at', { useTz: true }).notNullable().alter();
  });
};
