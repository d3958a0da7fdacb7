// @ts-check

/**
 * The derivation queue: accepted events whose facts are not applied yet.
 *
 * Ingestion answers once an event is in the raw log and queued here, in the
 * same transaction; a worker applies queued events in batches and deletes
 * their rows in the transaction that applies them. So an event is derived
 * exactly when its queue row is gone, a crash loses nothing (the rows stay
 * queued), and several service instances can share the queue (PostgreSQL
 * claims rows with SKIP LOCKED). An event whose derivation fails on its own
 * keeps its row with the error, out of the way of the others, until a fix
 * and a replay.
 *
 * Existing events are derived already: the table starts empty.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('derivation_queue', table => {
    table.comment('Accepted raw events waiting to be derived');
    table
      .bigInteger('raw_event_id')
      .primary()
      .comment('raw_events.id; claims take the lowest first');
    table
      .string('event_hash', 64)
      .notNullable()
      .comment('raw_events.event_hash, so a worker can find facts in memory');
    table.timestamp('queued_at', { useTz: true }).notNullable();
    table
      .timestamp('failed_at', { useTz: true })
      .nullable()
      .comment('Set when derivation failed on this event alone');
    table.text('error').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('derivation_queue');
};
