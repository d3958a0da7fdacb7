import { Knex } from 'knex';
import { WORKFLOW_BASIS } from '../assets/WorkflowProjector';
import { maxDate, minDate } from '../assets/merge';
import { bulkInsert } from '../database/bulkWrite';
import { ProjectionBatch, Projector } from '../eventlog/FactWriter';
import { Facts } from '../openlineage/facts';
import { currentEdgeRule } from './currentEdgeRule';

type Row = Record<string, any>;

// Workflow ids per flag update, well under either database's parameter cap.
const CURRENT_CHUNK = 1_000;

/**
 * `lineage_edges`: every workflow-endpoint edge ever observed, and which
 * are current. Runs after the workflows (assets' WorkflowProjector), whose
 * rows it holds locked: whichever transaction holds a workflow writes its
 * edges and their current flags, so two batches of one workflow never
 * wait on each other's edges in opposite orders.
 */
export class LineageEdgeProjector implements Projector {
  readonly tables = ['lineage_edges'];

  async apply(batch: ProjectionBatch): Promise<void> {
    const basis = batch.get(WORKFLOW_BASIS) ?? {
      changed: [],
      currentOnInsert: () => false,
    };
    await applyLineageEdges(batch.trx, batch.facts, basis.currentOnInsert);
    await applyCurrentEdges(batch.trx, basis.changed);
  }
}

/**
 * Every workflow-endpoint edge runs and JobEvents observed, with the
 * earliest and latest event time it was observed at. Both are extremes,
 * so batches merge in any order and redelivery changes nothing; the
 * update is skipped where the batch does not widen the range. One
 * statement, rows in key order so concurrent batches lock them alike.
 * A new edge is inserted with the flag `currentOnInsert` gives it; an
 * existing edge keeps its flag (applyCurrentEdges recomputes those).
 */
async function applyLineageEdges(
  trx: Knex.Transaction,
  facts: Facts[],
  currentOnInsert: (key: string) => boolean,
) {
  const edges = new Map<string, Row>();
  for (const f of facts) {
    const workflowId = f.run ? f.run.workflowId : f.workflow?.id;
    if (!workflowId) continue;
    for (const io of f.run ? f.runIo : f.jobIo) {
      const key = `${workflowId}\u0000${io.endpointId}\u0000${io.direction}`;
      const edge = edges.get(key);
      if (!edge) {
        edges.set(key, {
          workflow_id: workflowId,
          endpoint_id: io.endpointId,
          direction: io.direction,
          first_seen_at: f.eventTime,
          last_seen_at: f.eventTime,
          current: currentOnInsert(key),
        });
        continue;
      }
      edge.first_seen_at = minDate(edge.first_seen_at, f.eventTime);
      edge.last_seen_at = maxDate(edge.last_seen_at, f.eventTime);
    }
  }
  const rows = [...edges.keys()].sort().map(key => edges.get(key)!);
  await bulkInsert(trx, 'lineage_edges', rows, {
    onConflict: {
      keys: ['workflow_id', 'endpoint_id', 'direction'],
      update: [],
      set: {
        first_seen_at:
          'CASE WHEN excluded.first_seen_at < lineage_edges.first_seen_at THEN excluded.first_seen_at ELSE lineage_edges.first_seen_at END',
        last_seen_at:
          'CASE WHEN excluded.last_seen_at > lineage_edges.last_seen_at THEN excluded.last_seen_at ELSE lineage_edges.last_seen_at END',
      },
      where:
        'excluded.first_seen_at < lineage_edges.first_seen_at OR excluded.last_seen_at > lineage_edges.last_seen_at',
    },
  });
}

/**
 * Recomputes `lineage_edges.current` for the workflows whose basis this
 * batch may have changed, in one statement: only rows whose flag differs
 * from the rule are written (flipped), so a run that reads what the
 * previous one read costs reads only. Every input of the rule is written
 * earlier in the transaction, and a batch recomputes while it holds the
 * workflow's row, so whichever batch of a workflow commits last sees
 * every earlier one's rows and leaves the flags its basis implies, in
 * any order and on redelivery.
 */
async function applyCurrentEdges(trx: Knex.Transaction, workflowIds: string[]) {
  const ids = [...workflowIds].sort();
  for (let i = 0; i < ids.length; i += CURRENT_CHUNK) {
    const part = ids.slice(i, i + CURRENT_CHUNK);
    // The edges by primary key prefix, the workflow by its key for each:
    // a join here lets PostgreSQL hash the whole of lineage_edges.
    await trx.raw(
      `UPDATE lineage_edges AS e SET current = NOT e.current
      WHERE e.workflow_id IN (${part.map(() => '?').join(', ')})
        AND e.current <> (SELECT ${currentEdgeRule('w')}
          FROM workflows w WHERE w.id = e.workflow_id)`,
      part,
    );
  }
}
