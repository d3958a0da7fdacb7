// @ts-check

/**
 * Which event source an event came through: `raw_events.source` and
 * `dead_letters.source`.
 *
 * OpenLineage was the only source; FOCUS cost exports are to arrive through
 * the same raw log, dead letters, derivation queue and replay, so a replay
 * must know which source derives each raw event again. Every existing row
 * came through OpenLineage and gets `openlineage`; nothing else changes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of ['raw_events', 'dead_letters']) {
    await knex.schema.alterTable(name, table => {
      table
        .string('source', 32)
        .notNullable()
        .defaultTo('openlineage')
        .comment('The event source it came through, e.g. openlineage');
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of ['raw_events', 'dead_letters']) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('source');
    });
  }
};
