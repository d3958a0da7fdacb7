/**
 * Whether an edge of `lineage_edges e` is current over its workflow's
 * basis, the row `basis` with job_io_time, current_run_id and
 * current_run_ended_at: the JobEvent's declaration when it is newer than
 * the current run, else the current run's inputs and outputs, else (a
 * workflow with neither) every edge it ever had. Each branch is a
 * primary-key probe.
 *
 * Ingestion keeps the answer for now in `lineage_edges.current`
 * (FactWriter); the read side evaluates it as of a time over a basis
 * computed for that time (LineageStore). One rule serves both, so the
 * flag and an as-of answer at the present cannot drift apart.
 *
 * `LIMIT 1 OFFSET 0` keeps PostgreSQL probing by key rather than turning
 * a probe into a hashed subplan, which reads the whole of workflow_io or
 * run_io once per query when it expects many edges: the cost would then
 * follow the size of the platform rather than of the edges checked.
 */
export function currentEdgeRule(basis: string): string {
  return `(CASE
    WHEN ${basis}.job_io_time IS NOT NULL AND (${basis}.current_run_ended_at IS NULL
      OR ${basis}.job_io_time > ${basis}.current_run_ended_at)
    THEN EXISTS (SELECT 1 FROM workflow_io wi
      WHERE wi.workflow_id = e.workflow_id AND wi.endpoint_id = e.endpoint_id
        AND wi.direction = e.direction LIMIT 1 OFFSET 0)
    WHEN ${basis}.current_run_id IS NOT NULL
    THEN EXISTS (SELECT 1 FROM run_io ri
      WHERE ri.run_id = ${basis}.current_run_id AND ri.endpoint_id = e.endpoint_id
        AND ri.direction = e.direction LIMIT 1 OFFSET 0)
    ELSE TRUE
  END)`;
}
