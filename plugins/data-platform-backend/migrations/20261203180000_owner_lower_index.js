// @ts-check

/**
 * The owner filter compares owners case-insensitively, as catalog entity
 * refs compare, so it looks owners up by `lower(owner)`: the plain owner
 * indexes, which nothing else used, give way to indexes on that
 * expression. On PostgreSQL the index uses text_pattern_ops so that it
 * also serves the filter's LIKE, whatever the database's collation.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';
  for (const table of ['endpoints', 'workflows']) {
    await knex.schema.alterTable(table, t => {
      t.dropIndex(['owner'], `${table}_owner_idx`);
    });
    await knex.raw(
      `CREATE INDEX ${table}_owner_lower_idx ON ${table} (lower(owner)${
        pg ? ' text_pattern_ops' : ''
      })`,
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of ['endpoints', 'workflows']) {
    await knex.raw(`DROP INDEX ${table}_owner_lower_idx`);
    await knex.schema.alterTable(table, t => {
      t.index(['owner'], `${table}_owner_idx`);
    });
  }
};
