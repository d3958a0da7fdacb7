// @ts-check

/**
 * Replay in chunks, through the derivation queue.
 *
 * A replay used to rebuild everything in one transaction, so one event
 * whose derivation threw failed it for ever, and it held SQLite's only
 * writer for as long as it took. Now it clears the derived tables and
 * queues the raw log again in short transactions, and the worker derives
 * what it queued like any other event, setting aside those that fail.
 *
 * `derivation_queue.replayed` marks the rows a replay queued: they do not
 * count against ingestion's backlog limit, so a replay does not make
 * producers wait. `derivation_replay` holds at most one row, the replay
 * under way, so that one runs at a time across instances; a row whose
 * heartbeat stopped is a replay whose process died, and the next replay
 * takes it over.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('derivation_queue', table => {
    table
      .boolean('replayed')
      .notNullable()
      .defaultTo(false)
      .comment('Queued by a replay, not by ingestion');
  });
  await knex.schema.createTable('derivation_replay', table => {
    table.comment('The replay under way, if any: a lock across instances');
    table.string('id', 16).primary().comment('Always "replay": one row');
    table.string('owner', 64).notNullable().comment('Who runs it');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table
      .timestamp('heartbeat_at', { useTz: true })
      .notNullable()
      .comment('Renewed after every chunk; a stale one is a dead replay');
    table
      .boolean('clearing')
      .notNullable()
      .comment('While true, workers claim nothing: derived tables are cleared');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('derivation_replay');
  await knex.schema.alterTable('derivation_queue', table => {
    table.dropColumn('replayed');
  });
};
