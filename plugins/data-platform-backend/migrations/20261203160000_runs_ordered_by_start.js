// @ts-check

/**
 * Runs are ordered by when they started, not by their nominal time.
 *
 * A retry keeps the nominal time of the attempt it retries, so ordering by
 * nominal time tied a failed attempt with the retry that succeeded after it
 * and let the run id decide which one was "latest". `sort_time` is now the
 * run's start, else the first event seen of it; this recomputes it for the
 * runs already stored. Nothing else changes, so it only moves forward.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex('runs').update({
    sort_time: knex.raw('COALESCE(started_at, created_at)'),
  });
  // SQLite keeps no column comments; altering the column there would
  // rebuild the table for nothing.
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      "COMMENT ON COLUMN runs.sort_time IS 'Start, else first event: orders runs, the latest started last'",
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex('runs').update({
    sort_time: knex.raw('COALESCE(nominal_start, started_at, created_at)'),
  });
};
