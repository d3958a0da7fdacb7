import { Knex } from 'knex';
import { EndpointFact, Facts, IoFact } from '../derivation/facts';
import {
  attributeValues,
  foldRunEvent,
  isLater,
  maxDate,
  mergeAttributes,
  minDate,
  RunLifecycle,
} from '../derivation/merge';
import { flattenFields } from '../derivation/schemaFields';
import { bulkInsert, selectForUpdate } from './bulkWrite';
import { currentEdgeRule } from './currentEdgeRule';
import { parseJson, toDate } from './conversions';
import {
  endpointColumns,
  loadAttributes,
  RunAttributes,
  runColumns,
  attributeTimes,
  workflowColumns,
} from './storedAttributes';

type Row = Record<string, any>;

/** What a batch saw of one schema version of one endpoint. */
type SchemaSighting = {
  endpointId: string;
  schema: NonNullable<EndpointFact['schema']>;
  first: { time: Date; key: string };
  last: Date;
};

// A null last sighting marks the current version (see applySchemaVersions).
const LAST_SEEN_MERGE =
  'CASE WHEN excluded.last_seen_at IS NULL OR schema_versions.last_seen_at IS NULL THEN excluded.last_seen_at WHEN excluded.last_seen_at > schema_versions.last_seen_at THEN excluded.last_seen_at ELSE schema_versions.last_seen_at END';

// Workflow ids per flag update, well under either database's parameter cap.
const CURRENT_CHUNK = 1_000;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Applies the facts of a batch of events inside one transaction. Existing
 * rows are locked in id order (PostgreSQL; SQLite has a single writer),
 * merged in memory with order-independent rules and written back in bulk;
 * missing ones are inserted merged. Locking in a fixed order keeps
 * concurrent batches that touch the same endpoints, workflows or runs from
 * deadlocking or losing updates.
 */
export class FactWriter {
  constructor(private readonly trx: Knex.Transaction) {}

  async apply(facts: Facts[]): Promise<void> {
    if (facts.length === 0) return;
    // Row locks are held until commit, so the rows many transactions want
    // (widely read endpoints, then workflows) are locked last, keeping the
    // time others wait for them short. Every transaction takes the tables in
    // this same order, and ids within a table in sorted order. A workflow's
    // lineage edges come after its row: whichever transaction holds the
    // workflow writes its edges and their current flags, so two batches of
    // one workflow never wait on each other's edges in opposite orders.
    const runs = await this.applyRuns(facts);
    await this.insertIgnore(
      'run_io',
      ['run_id', 'endpoint_id', 'direction'],
      facts.flatMap(f =>
        f.run ? f.runIo.map(io => ioRow('run_id', f.run!.runId, io)) : [],
      ),
    );
    await this.applyPartitions(facts);
    await this.applyColumnLineage(facts);
    await this.applyQuality(facts);
    const { changed, currentOnInsert } = await this.applyWorkflows(facts, runs);
    await this.applyLineageEdges(facts, currentOnInsert);
    await this.applyCurrentEdges(changed);
    await this.applyEndpoints(facts);
  }

  /** Loads the rows that exist among `ids`, locked (PostgreSQL), by key. */
  private async loadLocked(
    table: string,
    key: string,
    ids: string[],
  ): Promise<Map<string, Row>> {
    const rows = new Map<string, Row>();
    for (const row of await selectForUpdate(this.trx, table, key, ids)) {
      rows.set(row[key], row);
    }
    return rows;
  }

  /**
   * Merges a batch into the rows keyed by `ids`: existing rows are loaded
   * locked, in key order, and written back merged; missing ones are inserted
   * with their merged values at once, so a new row is written once rather
   * than seeded and rewritten. Should another transaction create one of them
   * meanwhile, the insert skips it and it is merged again from the row that
   * won. `merge` may thus run twice for an id; the last call's row is the
   * one written. Returns, by key, the rows as written and the rows they
   * were merged from (none for a new row).
   */
  private async mergeRows(
    table: string,
    key: string,
    ids: string[],
    merge: (id: string, current: Row | undefined) => Row | Promise<Row>,
  ): Promise<{ written: Map<string, Row>; found: Map<string, Row> }> {
    const sorted = [...ids].sort();
    const existing = await this.loadLocked(table, key, sorted);
    const found = new Map(existing);
    const written = new Map<string, Row>();
    const updates: Row[] = [];
    const inserts: Row[] = [];
    for (const id of sorted) {
      const current = existing.get(id);
      const next = await merge(id, current);
      written.set(id, next);
      (current ? updates : inserts).push(next);
    }
    const created = new Set<string>(
      (
        await bulkInsert(this.trx, table, inserts, {
          onConflict: { keys: [key], ignore: true },
          returning: key,
        })
      ).map(row => row[key]),
    );
    const raced = inserts.map(r => r[key]).filter(id => !created.has(id));
    if (raced.length) {
      const won = await this.loadLocked(table, key, raced);
      for (const id of raced) {
        const next = await merge(id, won.get(id));
        found.set(id, won.get(id)!);
        written.set(id, next);
        updates.push(next);
      }
    }
    await this.upsert(table, [key], updates);
    return { written, found };
  }

  private async upsert(table: string, key: string[], rows: Row[]) {
    await bulkInsert(this.trx, table, rows, { onConflict: { keys: key } });
  }

  private async insertIgnore(table: string, key: string[], rows: Row[]) {
    const unique = [
      ...new Map(
        rows.map(r => [key.map(k => r[k]).join('\u0000'), r]),
      ).values(),
    ];
    await bulkInsert(this.trx, table, unique, {
      onConflict: { keys: key, ignore: true },
    });
  }

  private async applyEndpoints(facts: Facts[]) {
    const entries = facts.flatMap(f =>
      f.endpoints.map(fact => ({
        fact,
        time: f.eventTime,
        runId: f.run?.runId,
      })),
    );
    if (entries.length === 0) return;
    const byId = groupBy(entries, e => e.fact.id);

    // Every distinct schema is a version; its first sighting is a minimum
    // and its last a maximum, so they merge in any order.
    const versions = new Map<string, SchemaSighting>();
    for (const { fact, time, runId } of entries) {
      if (!fact.schema) continue;
      const key = `${fact.id}\u0000${fact.schema.hash}`;
      const seen = versions.get(key);
      if (!seen) {
        versions.set(key, {
          endpointId: fact.id,
          schema: fact.schema,
          first: { time, key: runId ?? '' },
          last: time,
        });
        continue;
      }
      if (isLater(seen.first, { time, key: runId ?? '' })) {
        seen.first = { time, key: runId ?? '' };
      }
      seen.last = maxDate(seen.last, time)!;
    }

    const lastPartitions = new Map<string, { key: string; time: Date }>();
    for (const f of facts) {
      for (const p of f.partitions) {
        const candidate = { key: p.key, time: p.landedAt };
        const current = lastPartitions.get(p.endpointId);
        if (!current || isLater(candidate, current)) {
          lastPartitions.set(p.endpointId, candidate);
        }
      }
    }

    const { written, found } = await this.mergeRows(
      'endpoints',
      'id',
      [...byId.keys()],
      async (id, row) => {
        const list = byId.get(id)!;
        let attributes = loadAttributes(row, endpointColumns);
        let schema = row?.schema_hash
          ? { key: row.schema_hash as string, time: toDate(row.schema_time)! }
          : undefined;
        let createdAt = toDate(row?.created_at);
        let updatedAt = toDate(row?.updated_at);
        for (const { fact, time } of list) {
          attributes = mergeAttributes(attributes, fact.attributes, time);
          if (fact.schema) {
            const candidate = { key: fact.schema.hash, time };
            if (!schema || isLater(candidate, schema)) schema = candidate;
          }
          createdAt = minDate(createdAt, time);
          updatedAt = maxDate(updatedAt, time);
        }
        const values = attributeValues(attributes);
        const next: Row = {
          ...identityColumns(id, list[0].fact, values),
          storage: values.storage ?? null,
          data_source: values.dataSource ?? null,
          attributes: attributeTimes(attributes),
          schema_hash: schema?.key ?? null,
          schema_time: schema?.time ?? null,
          field_count: row?.field_count ?? 0,
          field_names: row?.field_names ?? '',
          last_partition_key: row?.last_partition_key ?? null,
          last_partition_at: toDate(row?.last_partition_at) ?? null,
          created_at: createdAt,
          updated_at: updatedAt,
        };
        if (schema && schema.key !== row?.schema_hash) {
          const fields =
            versions.get(`${id}\u0000${schema.key}`)?.schema.fields ??
            parseJson(
              (
                await this.trx('schema_versions')
                  .where({ endpoint_id: id, hash: schema.key })
                  .first('fields')
              )?.fields,
              [],
            );
          const paths = [...flattenFields(fields).keys()];
          next.field_count = paths.length;
          next.field_names = paths.join(' ').toLowerCase();
        }
        const partition = lastPartitions.get(id);
        const current = next.last_partition_at
          ? { key: next.last_partition_key, time: next.last_partition_at }
          : undefined;
        if (partition && (!current || isLater(partition, current))) {
          next.last_partition_key = partition.key;
          next.last_partition_at = partition.time;
        }
        return next;
      },
    );
    await this.applySchemaVersions(versions, found, written);

    const aliases = new Map<string, Row>();
    for (const { fact } of entries) {
      for (const alias of fact.aliases) {
        aliases.set(`${alias.namespace}\u0000${alias.name}`, {
          namespace: alias.namespace,
          name: alias.name,
          endpoint_id: fact.id,
          type: alias.type ?? null,
        });
      }
    }
    await bulkInsert(this.trx, 'endpoint_aliases', [...aliases.values()], {
      onConflict: {
        keys: ['namespace', 'name'],
        update: ['endpoint_id', 'type'],
      },
    });
  }

  /**
   * Writes what a batch saw of schema versions. The last sighting of the
   * current version is the endpoint's `schema_time`, which moves with every
   * event; the version's own `last_seen_at` is null while it is current and
   * is set once it is superseded. So the version an endpoint keeps sending,
   * by far the common case, costs no write, and the rows still come out the
   * same whatever order events arrive in.
   */
  private async applySchemaVersions(
    versions: Map<string, SchemaSighting>,
    found: Map<string, Row>,
    written: Map<string, Row>,
  ) {
    // The version each endpoint had before this batch, and since when.
    const previous = (id: string) => ({
      hash: found.get(id)?.schema_hash as string | undefined,
      time: toDate(found.get(id)?.schema_time),
    });
    const rows: Row[] = [];
    for (const seen of versions.values()) {
      const was = previous(seen.endpointId);
      const isCurrent =
        written.get(seen.endpointId)!.schema_hash === seen.schema.hash;
      const wasCurrent = was.hash === seen.schema.hash;
      // Still current and seen no earlier than before: nothing to record.
      if (
        isCurrent &&
        wasCurrent &&
        seen.first.time.getTime() > was.time!.getTime()
      ) {
        continue;
      }
      let lastSeen: Date | null = null;
      if (!isCurrent) {
        lastSeen = wasCurrent ? maxDate(seen.last, was.time)! : seen.last;
      }
      rows.push({
        endpoint_id: seen.endpointId,
        hash: seen.schema.hash,
        fields: seen.schema.fields,
        field_count: flattenFields(seen.schema.fields).size,
        first_seen_at: seen.first.time,
        first_run_id: seen.first.key || null,
        last_seen_at: lastSeen,
      });
    }
    await bulkInsert(this.trx, 'schema_versions', rows, {
      onConflict: {
        keys: ['endpoint_id', 'hash'],
        update: [],
        set: {
          first_run_id:
            'CASE WHEN excluded.first_seen_at < schema_versions.first_seen_at THEN excluded.first_run_id ELSE schema_versions.first_run_id END',
          first_seen_at:
            'CASE WHEN excluded.first_seen_at < schema_versions.first_seen_at THEN excluded.first_seen_at ELSE schema_versions.first_seen_at END',
          last_seen_at: LAST_SEEN_MERGE,
        },
      },
    });
    // A version superseded by one this batch did not also mention.
    for (const [id, row] of written) {
      const was = previous(id);
      const now = row.schema_hash;
      if (!was.hash || was.hash === now) continue;
      if (versions.has(`${id}\u0000${was.hash}`)) continue;
      await this.trx('schema_versions')
        .where({ endpoint_id: id, hash: was.hash })
        .update({
          last_seen_at: this.trx.raw(
            'CASE WHEN last_seen_at IS NULL OR last_seen_at < ? THEN ? ELSE last_seen_at END',
            [was.time!, was.time!],
          ),
        });
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
  private async applyLineageEdges(
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
    await bulkInsert(this.trx, 'lineage_edges', rows, {
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
  private async applyCurrentEdges(workflowIds: string[]) {
    const ids = [...workflowIds].sort();
    for (let i = 0; i < ids.length; i += CURRENT_CHUNK) {
      const part = ids.slice(i, i + CURRENT_CHUNK);
      // The edges by primary key prefix, the workflow by its key for each:
      // a join here lets PostgreSQL hash the whole of lineage_edges.
      await this.trx.raw(
        `UPDATE lineage_edges AS e SET current = NOT e.current
        WHERE e.workflow_id IN (${part.map(() => '?').join(', ')})
          AND e.current <> (SELECT ${currentEdgeRule('w')}
            FROM workflows w WHERE w.id = e.workflow_id)`,
        part,
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
  private async currentRun(
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
        const runnerUp = await this.trx('runs')
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
  private async applyWorkflows(
    facts: Facts[],
    runs: Map<string, Row>,
  ): Promise<{
    changed: string[];
    currentOnInsert: (key: string) => boolean;
  }> {
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
    const { written, found } = await this.mergeRows(
      'workflows',
      'id',
      [...byId.keys()],
      async (id, row) => {
        const list = byId.get(id)!;
        const current = await this.currentRun(
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
        await this.trx('workflow_io').where({ workflow_id: id }).delete();
      }
      await this.insertIgnore(
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
      if (
        jobIoTime !== null &&
        (runEndedAt === null || jobIoTime > runEndedAt)
      ) {
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

  private async applyRuns(facts: Facts[]): Promise<Map<string, Row>> {
    const entries = facts.flatMap(f =>
      f.run ? [{ fact: f.run, time: f.eventTime }] : [],
    );
    if (entries.length === 0) return new Map<string, Row>();
    const byId = groupBy(entries, e => e.fact.runId);
    const { written } = await this.mergeRows(
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

  private async applyPartitions(facts: Facts[]) {
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
    await this.upsert(
      'partitions',
      ['endpoint_id', 'partition_key', 'run_id'],
      unique,
    );
  }

  private async applyColumnLineage(facts: Facts[]) {
    const rows: Row[] = facts.flatMap(f =>
      f.columnLineage.map(c => ({
        endpoint_id: c.endpointId,
        field: c.field,
        input_namespace: c.inputNamespace,
        input_name: c.inputName,
        input_field: c.inputField,
        transformation_type: c.transformationType ?? '',
        transformation_subtype: c.transformationSubtype ?? '',
        transformation_description: c.transformationDescription ?? null,
        masking: c.masking ?? null,
        updated_at: f.eventTime,
      })),
    );
    const key = [
      'endpoint_id',
      'field',
      'input_namespace',
      'input_name',
      'input_field',
      'transformation_type',
      'transformation_subtype',
    ];
    // Within a batch the newest description wins; across batches, likewise.
    const newest = new Map<string, Row>();
    for (const row of rows) {
      const k = key.map(c => row[c]).join('\u0000');
      const existing = newest.get(k);
      if (!existing || row.updated_at >= existing.updated_at)
        newest.set(k, row);
    }
    await bulkInsert(this.trx, 'column_lineage', [...newest.values()], {
      onConflict: {
        keys: key,
        where: 'column_lineage.updated_at <= excluded.updated_at',
      },
    });
  }

  private async applyQuality(facts: Facts[]) {
    const assertions = new Map<string, Row>();
    const metrics = new Map<string, Row>();
    for (const f of facts) {
      for (const a of f.assertions) {
        const row = {
          endpoint_id: a.endpointId,
          run_id: a.runId ?? '',
          assertion: a.assertion,
          column_name: a.column,
          success: a.success,
          observed_at: f.eventTime,
        };
        const k = `${row.endpoint_id}\u0000${row.run_id}\u0000${row.assertion}\u0000${row.column_name}`;
        const existing = assertions.get(k);
        if (!existing || row.observed_at >= existing.observed_at) {
          assertions.set(k, row);
        }
      }
      for (const m of f.metrics) {
        const row = {
          endpoint_id: m.endpointId,
          run_id: m.runId ?? '',
          row_count: m.rowCount ?? null,
          bytes: m.bytes ?? null,
          file_count: m.fileCount ?? null,
          column_metrics: m.columnMetrics,
          observed_at: f.eventTime,
        };
        const k = `${row.endpoint_id}\u0000${row.run_id}`;
        const existing = metrics.get(k);
        if (!existing || row.observed_at >= existing.observed_at) {
          metrics.set(k, row);
        }
      }
    }
    await bulkInsert(this.trx, 'quality_assertions', [...assertions.values()], {
      onConflict: {
        keys: ['endpoint_id', 'run_id', 'assertion', 'column_name'],
        where: 'quality_assertions.observed_at <= excluded.observed_at',
      },
    });
    await bulkInsert(this.trx, 'quality_metrics', [...metrics.values()], {
      onConflict: {
        keys: ['endpoint_id', 'run_id'],
        where: 'quality_metrics.observed_at <= excluded.observed_at',
      },
    });
  }
}

/** The columns endpoints and workflows share: who they are, what about. */
function identityColumns(
  id: string,
  identity: { namespace: string; name: string },
  values: { description?: string; owner?: string; tags?: string[] },
): Row {
  return {
    id,
    namespace: identity.namespace,
    name: identity.name,
    description: values.description ?? null,
    owner: values.owner ?? null,
    tags: values.tags ?? [],
  };
}

function ioRow(column: 'run_id' | 'workflow_id', id: string, io: IoFact): Row {
  return { [column]: id, endpoint_id: io.endpointId, direction: io.direction };
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
