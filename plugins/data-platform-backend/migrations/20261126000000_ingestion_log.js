// @ts-check

/**
 * The ingestion log: every accepted OpenLineage event kept raw, so state can
 * be re-derived after a bug fix, and every rejected one kept with its reason.
 *
 * Payloads are stored as text rather than json/jsonb so the same migration
 * serves SQLite and PostgreSQL and the bytes a producer sent stay as sent.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('raw_events', table => {
    table.comment('Accepted OpenLineage events, as received');
    table.bigIncrements('id').primary();
    table
      .string('event_hash', 64)
      .notNullable()
      .unique()
      .comment('SHA-256 of the canonical event; a redelivery is a no-op');
    table.string('event_kind', 16).notNullable().comment('run, dataset or job');
    table
      .string('event_type', 16)
      .nullable()
      .comment('START, RUNNING, COMPLETE, FAIL, ABORT or OTHER (run events)');
    table.string('run_id', 64).nullable();
    table.text('job_namespace').nullable();
    table.text('job_name').nullable();
    table.timestamp('event_time', { useTz: true }).nullable();
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.text('producer').nullable();
    table
      .text('lenient_notes')
      .nullable()
      .comment('JSON list of what was off but accepted leniently');
    table.text('payload').notNullable();
    table.index(['run_id'], 'raw_events_run_id_idx');
    table.index(['received_at'], 'raw_events_received_at_idx');
  });

  await knex.schema.createTable('dead_letters', table => {
    table.comment('Rejected OpenLineage events, with the reason');
    table.bigIncrements('id').primary();
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.text('reason').notNullable();
    table.text('json_path').nullable();
    table
      .integer('batch_index')
      .nullable()
      .comment('Position in the batch request, when it came in one');
    table.text('payload').notNullable().comment('The body as received');
    table.index(['received_at'], 'dead_letters_received_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dead_letters');
  await knex.schema.dropTable('raw_events');
};
