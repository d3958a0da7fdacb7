import { Knex } from 'knex';
import { toDate } from '../database/conversions';
import { groupBy, insertIgnore, mergeRows } from '../database/rowMerge';
import { BatchKey, ProjectionBatch, Projector } from '../eventlog/FactWriter';
import { Facts } from '../openlineage/facts';
import { BatchOwnerResolver } from '../ownership/OwnershipStore';
import {
  attributeValues,
  isLater,
  maxDate,
  mergeAttributes,
  minDate,
} from './merge';
import { identityColumns, ioRow } from './rows';
import { RUNS_WRITTEN } from './RunProjector';
import {
  attributeTimes,
  loadAttributes,
  workflowColumns,
} from './storedAttributes';

type Row = Record<string, any>;

/**
 * What a batch changed of its workflows' basis, the rows lineage's current
 * edges follow (see `applyWorkflows`).
 */
export type WorkflowBasisChanges = {
  /** The workflows whose current edges may have changed. */
  changed: string[];
  /** Whether a new edge, keyed `${workflow}\0${endpoint}\0${direction}`, is current. */
  currentOnInsert: (key: string) => boolean;
};

/** What the workflow projector changed, for the lineage edges after it. */
export const WORKFLOW_BASIS = new BatchKey<WorkflowBasisChanges>(
  'workflow basis changes',
);

/**
 * Workflows and what their JobEvents declare they read and write
 * (`workflow_io`), with each workflow's current run: the basis lineage's
 * current edges follow. Runs before it in the batch
 * ({@link RUNS_WRITTEN}); leaves {@link WORKFLOW_BASIS}.
 */
export class WorkflowProjector implements Projector {
  readonly tables = ['workflows', 'workflow_io'];

  async apply(batch: ProjectionBatch): Promise<void> {
    const runs = batch.get(RUNS_WRITTEN) ?? new Map<string, Row>();
    batch.set(
      WORKFLOW_BASIS,
      await applyWorkflows(batch.trx, batch.facts, runs),
    );
  }
}

/**
 * A workflow's current run: its latest COMPLETED run by end time, ties
 * by run id. That is a maximum over the runs, so the stored one only
 * moves when a run of the batch beats it, except when the batch changed
 * the stored run itself: a later FAIL or ABORT can end a run that had
 * completed, and then the runner-up is read from the runs table (which
 * already holds this batch's runs). Rare, so it costs a query only then.
 */
async function currentRun(
  trx: Knex.Transaction,
  workflowId: string,
  row: Row | undefined,
  batchRuns: Row[],
): Promise<{ key: string; time: Date } | undefined> {
  let best: { key: string; time: Date } | undefined = row?.current_run_id
    ? { key: row.current_run_id, time: toDate(row.current_run_ended_at)! }
    : undefined;
  const completed = (r: Row) => r.state === 'COMPLETED' && !!r.ended_at;
  const changed = best && batchRuns.find(r => r.run_id === best!.key);
  if (changed) {
    if (completed(changed)) {
      best = { key: changed.run_id, time: toDate(changed.ended_at)! };
    } else {
      const runnerUp = await trx('runs')
        .where({ workflow_id: workflowId, state: 'COMPLETED' })
        .whereNotNull('ended_at')
        .orderBy([
          { column: 'ended_at', order: 'desc' },
          { column: 'run_id', order: 'desc' },
        ])
        .first('run_id', 'ended_at');
      best = runnerUp && {
        key: runnerUp.run_id,
        time: toDate(runnerUp.ended_at)!,
      };
    }
  }
  for (const run of batchRuns) {
    if (!completed(run)) continue;
    const candidate = { key: run.run_id, time: toDate(run.ended_at)! };
    if (!best || isLater(candidate, best)) best = candidate;
  }
  return best;
}

/**
 * Merges the batch's workflows and their JobEvent declarations. Returns
 * the workflows whose current edges may have changed: a new current run
 * or declaration, inputs or outputs of the current run first seen now,
 * or new edges of a workflow with neither (all its edges are current).
 *
 * Also `currentOnInsert`: whether an edge of the batch, keyed
 * `${workflow}\0${endpoint}\0${direction}`, is current by its workflow's
 * basis as this transaction leaves it (the row is locked until commit).
 * Decided for new edges only, from what the batch itself wrote: a
 * declaration of this batch that is the basis, or the inputs and outputs
 * of the current run when this batch carries it, or any edge of a
 * workflow with neither. It is never true where the rule says false;
 * where it says false and the rule true (a basis row written by an
 * earlier batch without its edge, which ingestion does not do), the
 * workflow is among those recomputed, which corrects it. So most new
 * edges are written once instead of inserted and then flipped.
 */
async function applyWorkflows(
  trx: Knex.Transaction,
  facts: Facts[],
  runs: Map<string, Row>,
): Promise<WorkflowBasisChanges> {
  const entries = facts.flatMap(f =>
    f.workflow ? [{ fact: f.workflow, time: f.eventTime, facts: f }] : [],
  );
  if (entries.length === 0) {
    return { changed: [], currentOnInsert: () => false };
  }
  const byId = groupBy(entries, e => e.fact.id);
  const runsByWorkflow = groupBy([...runs.values()], r => r.workflow_id);

  // A JobEvent declares the workflow's inputs and outputs; the newest
  // declaration replaces older ones, equal times add up.
  const declarations = new Map<
    string,
    { replace: boolean; rows: Row[] } | undefined
  >();
  const owners = new BatchOwnerResolver(
    trx,
    'workflow',
    [...byId.keys()],
    entries.flatMap(e => e.fact.attributes.owner ?? []),
  );
  const { written, found } = await mergeRows(
    trx,
    'workflows',
    'id',
    [...byId.keys()],
    async (id, row) => {
      const list = byId.get(id)!;
      const current = await currentRun(
        trx,
        id,
        row,
        runsByWorkflow.get(id) ?? [],
      );
      let attributes = loadAttributes(row, workflowColumns);
      let createdAt = toDate(row?.created_at);
      let updatedAt = toDate(row?.updated_at);
      for (const { fact, time } of list) {
        attributes = mergeAttributes(attributes, fact.attributes, time);
        createdAt = minDate(createdAt, time);
        updatedAt = maxDate(updatedAt, time);
      }
      const values = attributeValues(attributes);
      const owner = await owners.resolve(id, values.owner, row);

      let jobIoTime = toDate(row?.job_io_time);
      const jobEvents = list.filter(e => !e.facts.run);
      const newest = jobEvents.reduce<Date | undefined>(
        (max, e) => maxDate(max, e.time),
        undefined,
      );
      declarations.set(id, undefined);
      if (newest && (!jobIoTime || newest.getTime() >= jobIoTime.getTime())) {
        declarations.set(id, {
          replace: !!jobIoTime && newest.getTime() > jobIoTime.getTime(),
          rows: jobEvents
            .filter(e => e.time.getTime() === newest.getTime())
            .flatMap(e =>
              e.facts.jobIo.map(io => ioRow('workflow_id', id, io)),
            ),
        });
        jobIoTime = newest;
      }

      return {
        ...identityColumns(id, list[0].fact, values),
        owner_ref: owner.ref,
        owner_rule: owner.rule,
        sql: values.sql?.query ?? null,
        sql_dialect: values.sql?.dialect ?? null,
        source_code_location: values.sourceCodeLocation ?? null,
        job_type: values.jobType ?? null,
        parent_namespace: values.parent?.namespace ?? null,
        parent_name: values.parent?.name ?? null,
        attributes: attributeTimes(attributes),
        job_io_time: jobIoTime ?? null,
        current_run_id: current?.key ?? null,
        current_run_ended_at: current?.time ?? null,
        created_at: createdAt,
        updated_at: updatedAt,
      };
    },
  );
  for (const [id, declared] of declarations) {
    if (!declared) continue;
    if (declared.replace) {
      await trx('workflow_io').where({ workflow_id: id }).delete();
    }
    await insertIgnore(
      trx,
      'workflow_io',
      ['workflow_id', 'endpoint_id', 'direction'],
      declared.rows,
    );
  }

  const runsWithIo = new Set(
    facts.flatMap(f => (f.run && f.runIo.length ? [f.run.runId] : [])),
  );
  const withEdges = new Set(
    facts.flatMap(f =>
      f.workflow && (f.runIo.length || f.jobIo.length) ? [f.workflow.id] : [],
    ),
  );
  const time = (v: unknown) => toDate(v)?.getTime() ?? null;
  const changed = [...written].flatMap(([id, row]) => {
    const was = found.get(id);
    const basisChanged =
      !was ||
      was.current_run_id !== row.current_run_id ||
      time(was.current_run_ended_at) !== time(row.current_run_ended_at) ||
      time(was.job_io_time) !== time(row.job_io_time) ||
      !!declarations.get(id);
    const currentRunIo =
      !!row.current_run_id && runsWithIo.has(row.current_run_id);
    const noBasis =
      !row.current_run_id && !row.job_io_time && withEdges.has(id);
    return basisChanged || currentRunIo || noBasis ? [id] : [];
  });

  const edgeKey = (workflowId: string, io: Row) =>
    `${workflowId}\u0000${io.endpoint_id}\u0000${io.direction}`;
  const currentKeys = new Set<string>();
  const allCurrent = new Set<string>();
  for (const [id, row] of written) {
    const jobIoTime = time(row.job_io_time);
    const runEndedAt = time(row.current_run_ended_at);
    if (jobIoTime !== null && (runEndedAt === null || jobIoTime > runEndedAt)) {
      // The declaration is the basis; this batch's, if it made one, is it.
      for (const io of declarations.get(id)?.rows ?? []) {
        currentKeys.add(edgeKey(id, io));
      }
    } else if (row.current_run_id) {
      for (const f of facts) {
        if (f.run?.runId !== row.current_run_id) continue;
        for (const io of f.runIo) {
          currentKeys.add(
            edgeKey(id, {
              endpoint_id: io.endpointId,
              direction: io.direction,
            }),
          );
        }
      }
    } else {
      allCurrent.add(id);
    }
  }
  return {
    changed,
    currentOnInsert: key =>
      currentKeys.has(key) || allCurrent.has(key.split('\u0000')[0]),
  };
}
