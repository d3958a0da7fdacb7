import { EndpointProjector } from './assets/EndpointProjector';
import { RunProjector } from './assets/RunProjector';
import { WorkflowProjector } from './assets/WorkflowProjector';
import { FactWriter, Projector } from './eventlog/FactWriter';
import { ColumnLineageProjector } from './lineage/ColumnLineageProjector';
import { LineageEdgeProjector } from './lineage/LineageEdgeProjector';
import { QualityProjector } from './quality/QualityProjector';

/**
 * Every projector, in the order a batch applies them, which is the lock
 * order: row locks are held until commit, and every derivation
 * transaction takes the tables in this order (and the ids within a table
 * in sorted order), so concurrent batches that touch the same rows
 * neither deadlock nor lose updates. The rows many transactions want are
 * locked last, which keeps the time others wait for them short:
 *
 * 1. runs, run_io, partitions (assets): a run belongs to one workflow;
 * 2. column_lineage (lineage) and
 * 3. quality_assertions, quality_metrics (quality): rows of one run or
 *    one output field, rarely shared;
 * 4. workflows, workflow_io (assets): after the runs, whose rows choose a
 *    workflow's current run;
 * 5. lineage_edges (lineage): after the workflows, since whichever
 *    transaction holds a workflow's row writes its edges and their
 *    current flags, so two batches of one workflow never wait on each
 *    other's edges in opposite orders;
 * 6. endpoints, endpoint_aliases, schema_versions (assets): the rows
 *    every run reading or writing an endpoint touches, so last.
 *
 * A new domain's projector goes where its rows fit this order (rows of one
 * event or run early, rows shared by many late), and the README's
 * "Backend layout" says where it went.
 */
export function projectors(): Projector[] {
  return [
    new RunProjector(),
    new ColumnLineageProjector(),
    new QualityProjector(),
    new WorkflowProjector(),
    new LineageEdgeProjector(),
    new EndpointProjector(),
  ];
}

/** The writer derivation applies facts with: every projector, in order. */
export function createFactWriter(): FactWriter {
  return new FactWriter(projectors());
}
