import { Knex } from 'knex';
import { BatchKey, ProjectionBatch, Projector } from '../eventlog/FactWriter';
import { toDate } from '../database/conversions';
import { groupBy, insertIgnore, mergeRows, upsert } from '../database/rowMerge';
import { Facts } from '../openlineage/facts';
import {
  attributeValues,
  foldRunEvent,
  mergeAttributes,
  RunLifecycle,
} from './merge';
import { ioRow } from './rows';
import {
  attributeTimes,
  loadAttributes,
  RunAttributes,
  runColumns,
} from './storedAttributes';

type Row = Record<string, any>;

/** The runs a batch wrote, by run id, as written. */
export const RUNS_WRITTEN = new BatchKey<Map<string, Row>>('runs written');

/**
 * Runs, what each read and wrote (`run_io`), and the partitions they
 * landed. Leaves the runs it wrote for the workflows' current run
 * ({@link RUNS_WRITTEN}).
 */
export class RunProjector implements Projector {
  readonly tables = ['runs', 'run_io', 'partitions'];

  async apply(batch: ProjectionBatch): Promise<void> {
    const { trx, facts } = batch;
    batch.set(RUNS_WRITTEN, await applyRuns(trx, facts));
    await insertIgnore(
      trx,
      'run_io',
      ['run_id', 'endpoint_id', 'direction'],
      facts.flatMap(f =>
        f.run ? f.runIo.map(io => ioRow('run_id', f.run!.runId, io)) : [],
      ),
    );
    await applyPartitions(trx, facts);
  }
}

async function applyRuns(
  trx: Knex.Transaction,
  facts: Facts[],
): Promise<Map<string, Row>> {
  const entries = facts.flatMap(f =>
    f.run ? [{ fact: f.run, time: f.eventTime }] : [],
  );
  if (entries.length === 0) return new Map<string, Row>();
  const byId = groupBy(entries, e => e.fact.runId);
  const { written } = await mergeRows(
    trx,
    'runs',
    'run_id',
    [...byId.keys()],
    (runId, row) => {
      const list = byId.get(runId)!;
      let lifecycle: RunLifecycle | undefined = row && {
        state: row.state,
        stateRank: Number(row.state_rank),
        stateEventType: row.state_event_type,
        stateTime: toDate(row.state_time)!,
        startedAt: toDate(row.started_at),
        endedAt: toDate(row.ended_at),
        createdAt: toDate(row.created_at)!,
        updatedAt: toDate(row.updated_at)!,
      };
      let attributes = loadAttributes(row, runColumns);
      for (const { fact, time } of list) {
        lifecycle = foldRunEvent(lifecycle, fact.eventType, time);
        attributes = mergeAttributes<RunAttributes>(
          attributes,
          {
            nominalStartTime: fact.nominalStartTime?.toISOString(),
            nominalEndTime: fact.nominalEndTime?.toISOString(),
            errorMessage: fact.errorMessage,
            parentRunId: fact.parentRunId,
            parentJob: fact.parentJob,
            facets: Object.keys(fact.facets).length ? fact.facets : undefined,
          },
          time,
        );
      }
      const values = attributeValues(attributes);
      const nominalStart = toDate(values.nominalStartTime);
      return {
        run_id: runId,
        workflow_id: row?.workflow_id ?? list[0].fact.workflowId,
        ...lifecycleRow(lifecycle!),
        nominal_start: nominalStart ?? null,
        nominal_end: toDate(values.nominalEndTime) ?? null,
        error_message: values.errorMessage ?? null,
        parent_run_id: values.parentRunId ?? null,
        parent_namespace: values.parentJob?.namespace ?? null,
        parent_name: values.parentJob?.name ?? null,
        facets: values.facets ?? {},
        attributes: attributeTimes(attributes),
        // Started last is latest: an Airflow retry keeps its failed
        // attempt's nominal time, so nominal time cannot order them.
        sort_time: lifecycle!.startedAt ?? lifecycle!.createdAt,
      };
    },
  );
  return written;
}

async function applyPartitions(trx: Knex.Transaction, facts: Facts[]) {
  const rows = facts.flatMap(f =>
    f.partitions.map(p => ({
      endpoint_id: p.endpointId,
      partition_key: p.key,
      run_id: p.runId,
      workflow_id: p.workflowId,
      nominal_start: p.nominalStartTime ?? null,
      nominal_end: p.nominalEndTime ?? null,
      landed_at: p.landedAt,
      row_count: p.rowCount ?? null,
      bytes: p.bytes ?? null,
      file_count: p.fileCount ?? null,
    })),
  );
  const unique = [
    ...new Map(
      rows.map(r => [
        `${r.endpoint_id}\u0000${r.partition_key}\u0000${r.run_id}`,
        r,
      ]),
    ).values(),
  ];
  await upsert(
    trx,
    'partitions',
    ['endpoint_id', 'partition_key', 'run_id'],
    unique,
  );
}

function lifecycleRow(lifecycle: RunLifecycle): Row {
  return {
    state: lifecycle.state,
    state_rank: lifecycle.stateRank,
    state_event_type: lifecycle.stateEventType,
    state_time: lifecycle.stateTime,
    started_at: lifecycle.startedAt ?? null,
    ended_at: lifecycle.endedAt ?? null,
    created_at: lifecycle.createdAt,
    updated_at: lifecycle.updatedAt,
  };
}
