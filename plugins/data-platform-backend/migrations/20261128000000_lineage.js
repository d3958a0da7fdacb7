// @ts-check

/**
 * Lineage that stays fast at scale.
 *
 * - `lineage_edges`: one row per (workflow, endpoint, direction) any run or
 *   JobEvent ever observed, with the event times of the first and last
 *   observation. A graph walk reads it by endpoint or by workflow instead
 *   of scanning every run's inputs and outputs (`run_io` holds one row per
 *   run, so hourly workflows multiply it by 24 a day).
 * - `workflows.current_run_id` / `current_run_ended_at`: the workflow's
 *   latest completed run, whose `run_io` is its current lineage unless a
 *   newer JobEvent declared it (`job_io_time`). Kept at ingestion so that
 *   deciding which edges are current is a primary-key probe per edge.
 * - An index for walking column lineage downstream, from an input field.
 *
 * Existing rows are backfilled from `run_io` and `workflow_io`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_edges', table => {
    table.comment(
      'Every workflow-endpoint edge runs or JobEvents observed, with when',
    );
    table.string('workflow_id', 32).notNullable();
    table.string('endpoint_id', 32).notNullable();
    table
      .string('direction', 8)
      .notNullable()
      .comment('input (endpoint to workflow) or output');
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.primary(['workflow_id', 'endpoint_id', 'direction']);
    table.index(
      ['endpoint_id', 'direction', 'workflow_id'],
      'lineage_edges_endpoint_idx',
    );
  });

  await knex.schema.alterTable('workflows', table => {
    table
      .string('current_run_id', 255)
      .nullable()
      .comment('The latest completed run, whose run_io is the current IO');
    table.timestamp('current_run_ended_at', { useTz: true }).nullable();
  });

  await knex.schema.alterTable('column_lineage', table => {
    table.index(
      ['input_namespace', 'input_name', 'input_field'],
      'column_lineage_input_idx',
    );
  });

  // Backfill. Run edges take their times from the runs that observed them.
  await knex.raw(`
    INSERT INTO lineage_edges
      (workflow_id, endpoint_id, direction, first_seen_at, last_seen_at)
    SELECT r.workflow_id, io.endpoint_id, io.direction,
           MIN(COALESCE(r.started_at, r.state_time)),
           MAX(COALESCE(r.ended_at, r.state_time))
    FROM run_io io JOIN runs r ON r.run_id = io.run_id
    GROUP BY r.workflow_id, io.endpoint_id, io.direction
  `);
  await knex.raw(`
    INSERT INTO lineage_edges
      (workflow_id, endpoint_id, direction, first_seen_at, last_seen_at)
    SELECT io.workflow_id, io.endpoint_id, io.direction,
           w.job_io_time, w.job_io_time
    FROM workflow_io io JOIN workflows w ON w.id = io.workflow_id
    WHERE w.job_io_time IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM lineage_edges e
        WHERE e.workflow_id = io.workflow_id
          AND e.endpoint_id = io.endpoint_id
          AND e.direction = io.direction
      )
  `);
  await knex.raw(`
    UPDATE workflows SET
      current_run_id = (
        SELECT r.run_id FROM runs r
        WHERE r.workflow_id = workflows.id AND r.state = 'COMPLETED'
          AND r.ended_at IS NOT NULL
        ORDER BY r.ended_at DESC, r.run_id DESC LIMIT 1
      ),
      current_run_ended_at = (
        SELECT MAX(r.ended_at) FROM runs r
        WHERE r.workflow_id = workflows.id AND r.state = 'COMPLETED'
      )
  `);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('column_lineage', table => {
    table.dropIndex(
      ['input_namespace', 'input_name', 'input_field'],
      'column_lineage_input_idx',
    );
  });
  await knex.schema.alterTable('workflows', table => {
    table.dropColumn('current_run_ended_at');
    table.dropColumn('current_run_id');
  });
  await knex.schema.dropTable('lineage_edges');
};
