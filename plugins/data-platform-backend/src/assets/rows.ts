import {
  EndpointSummary,
  ListFilters,
  Partition,
  RunSummary,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';
import {
  compact,
  parseJson,
  toDate,
  toIso,
  toNumber,
} from '../database/conversions';
import { keysetPage, likePattern } from '../database/cursors';
import { IoFact } from '../openlineage/facts';
import { OwnerRule, unownedReason } from '../ownership/ownerRules';
import { StoredDeclaration } from '../ownership/OwnershipStore';
import { whereOwnerMatches, whereUnowned } from './ownerMatch';

type Row = Record<string, any>;

// --- reads: rows as the API shows them -------------------------------------

/**
 * What endpoints and workflows both show: who they are, what about, and
 * who owns them. `owner` is the resolved ref, `observedOwner` what events
 * name; a team's declared description wins over the events'.
 */
function described(row: Row, declared?: StoredDeclaration) {
  const rule = (row.owner_rule ?? 'unowned') as OwnerRule;
  return {
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    description: declared?.declaration.description ?? row.description,
    owner: row.owner_ref,
    observedOwner: row.owner,
    ownerRule: rule,
    unownedReason: rule === 'unowned' ? unownedReason(row.owner) : undefined,
    tags: parseJson<string[]>(row.tags, []),
  };
}

export function endpointSummary(
  row: Row,
  declared?: StoredDeclaration,
): EndpointSummary {
  return compact({
    ...described(row, declared),
    fieldCount: Number(row.field_count ?? 0),
    lastPartition: row.last_partition_at
      ? {
          key: row.last_partition_key,
          landedAt: toIso(row.last_partition_at)!,
        }
      : undefined,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
  });
}

export function workflowSummary(
  row: Row,
  latestRun?: RunSummary,
  declared?: StoredDeclaration,
): WorkflowSummary {
  return compact({
    ...described(row, declared),
    jobType: parseJson(row.job_type, undefined),
    latestRun,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
  });
}

export function runSummary(row: Row): RunSummary {
  const startedAt = toDate(row.started_at);
  const endedAt = toDate(row.ended_at);
  return compact({
    id: row.run_id,
    workflowId: row.workflow_id,
    state: row.state,
    nominalStartTime: toIso(row.nominal_start),
    nominalEndTime: toIso(row.nominal_end),
    startedAt: startedAt?.toISOString(),
    endedAt: endedAt?.toISOString(),
    durationMs:
      startedAt && endedAt
        ? endedAt.getTime() - startedAt.getTime()
        : undefined,
    errorMessage: row.error_message,
    updatedAt: toIso(row.updated_at)!,
  });
}

export function partition(row: Row): Partition {
  return compact({
    endpointId: row.endpoint_id,
    endpoint: {
      id: row.endpoint_id,
      namespace: row.endpoint_namespace,
      name: row.endpoint_name,
    },
    key: row.partition_key,
    runId: row.run_id,
    workflow: {
      id: row.workflow_id,
      namespace: row.workflow_namespace,
      name: row.workflow_name,
    },
    nominalStartTime: toIso(row.nominal_start),
    nominalEndTime: toIso(row.nominal_end),
    landedAt: toIso(row.landed_at)!,
    rowCount: toNumber(row.row_count),
    bytes: toNumber(row.bytes),
    fileCount: toNumber(row.file_count),
  });
}

export function references(rows: Row[], direction: 'input' | 'output') {
  return rows
    .filter(r => r.direction === direction)
    .map(r => ({ id: r.id, namespace: r.namespace, name: r.name }))
    .sort((a, b) =>
      `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
    );
}

/**
 * A page of endpoints or workflows in (namespace, name) order, with the
 * filters both lists share; `searchColumns` are extra lower-cased columns
 * `q` matches.
 */
export async function listByIdentity(
  db: Knex,
  table: 'endpoints' | 'workflows',
  filters: ListFilters,
  searchColumns: string[],
  refine: (query: Knex.QueryBuilder) => Knex.QueryBuilder = q => q,
): Promise<{
  rows: Row[];
  nextCursor?: string;
  total: number;
  totalIsEstimate?: true;
}> {
  const query = refine(db(table).select('*'));
  if (filters.namespace) query.where('namespace', filters.namespace);
  if (filters.name) query.where('name', filters.name);
  if (filters.owner) whereOwnerMatches(query, filters.owner);
  if (filters.unowned !== undefined) whereUnowned(query, filters.unowned);
  if (filters.tag) {
    // The JSON array holds each tag quoted, so a quoted tag matches whole
    // tags only. The escape clause is explicit: SQLite has no default one.
    query.whereRaw(`lower(tags) like ? escape '\\'`, [
      likePattern(JSON.stringify(filters.tag)),
    ]);
  }
  if (filters.q) {
    const pattern = likePattern(filters.q);
    const columns = [
      'lower(name)',
      'lower(namespace)',
      "lower(coalesce(description, ''))",
      ...searchColumns,
    ];
    query.where(q => {
      for (const column of columns) {
        q.orWhereRaw(`${column} like ? escape '\\'`, [pattern]);
      }
    });
  }
  const [{ items, nextCursor }, total] = await Promise.all([
    keysetPage(
      query.clone(),
      [
        { column: 'namespace', order: 'asc', type: 'string' },
        { column: 'name', order: 'asc', type: 'string' },
      ],
      filters,
      row => row,
    ),
    cappedCount(db, query),
  ]);
  return { rows: items, ...(nextCursor && { nextCursor }), ...total };
}

/** Above it a list's total is an estimate: the count stops there. */
export const TOTAL_COUNT_CAP = 10_000;

/**
 * How many rows the filtered query has, counting no further than the cap
 * so that a broad filter over a large table costs a bounded scan.
 */
async function cappedCount(
  db: Knex,
  query: Knex.QueryBuilder,
): Promise<{ total: number; totalIsEstimate?: true }> {
  const matching = query
    .clone()
    .clearSelect()
    .clearOrder()
    .select(db.raw('1'))
    .limit(TOTAL_COUNT_CAP + 1);
  const row = await db
    .count({ count: '*' })
    .from(matching.as('matching'))
    .first();
  const count = Number(row?.count ?? 0);
  return count > TOTAL_COUNT_CAP
    ? { total: TOTAL_COUNT_CAP, totalIsEstimate: true }
    : { total: count };
}

/** Partitions with the identities of their endpoint and workflow. */
export function partitionsQuery(db: Knex) {
  return db('partitions as p')
    .join('workflows as w', 'w.id', 'p.workflow_id')
    .join('endpoints as e', 'e.id', 'p.endpoint_id')
    .select(
      'p.*',
      'w.namespace as workflow_namespace',
      'w.name as workflow_name',
      'e.namespace as endpoint_namespace',
      'e.name as endpoint_name',
    );
}

// --- writes: rows as projectors write them ---------------------------------

/** The columns endpoints and workflows share: who they are, what about. */
export function identityColumns(
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

export function ioRow(
  column: 'run_id' | 'workflow_id',
  id: string,
  io: IoFact,
): Row {
  return { [column]: id, endpoint_id: io.endpointId, direction: io.direction };
}
