// @ts-check

/**
 * Which lineage edges are current, kept at ingestion.
 *
 * A workflow's current edges follow from its basis (a JobEvent newer than
 * its current run: the declared `workflow_io`; else the current run's
 * `run_io`; else every edge it has). Deciding that at read time costs two
 * probes per edge, so a node with thousands of neighbours costs thousands
 * of probes just to be counted. `lineage_edges.current` holds the answer,
 * recomputed by ingestion for the workflows whose basis a batch changed,
 * and partial indexes over the current edges let a walk and a fan-out
 * count read only those, by endpoint or by workflow.
 *
 * Existing rows are backfilled with the same rule.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('lineage_edges', table => {
    table
      .boolean('current')
      .notNullable()
      .defaultTo(false)
      .comment('Part of the workflow current lineage (see the migration)');
  });

  await knex.raw(`
    UPDATE lineage_edges AS e SET current = TRUE
    FROM workflows w
    WHERE w.id = e.workflow_id
      AND CASE
        WHEN w.job_io_time IS NOT NULL
          AND (w.current_run_ended_at IS NULL
            OR w.job_io_time > w.current_run_ended_at)
        THEN EXISTS (SELECT 1 FROM workflow_io wi
          WHERE wi.workflow_id = e.workflow_id
            AND wi.endpoint_id = e.endpoint_id
            AND wi.direction = e.direction)
        WHEN w.current_run_id IS NOT NULL
        THEN EXISTS (SELECT 1 FROM run_io ri
          WHERE ri.run_id = w.current_run_id
            AND ri.endpoint_id = e.endpoint_id
            AND ri.direction = e.direction)
        ELSE TRUE
      END
  `);
  // Both databases take a partial index; a walk's `e.current` selects it.
  await knex.raw(`
    CREATE INDEX lineage_edges_current_endpoint_idx
    ON lineage_edges (endpoint_id, direction, workflow_id) WHERE current
  `);
  await knex.raw(`
    CREATE INDEX lineage_edges_current_workflow_idx
    ON lineage_edges (workflow_id, direction, endpoint_id) WHERE current
  `);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX lineage_edges_current_workflow_idx');
  await knex.raw('DROP INDEX lineage_edges_current_endpoint_idx');
  await knex.schema.alterTable('lineage_edges', table => {
    table.dropColumn('current');
  });
};
