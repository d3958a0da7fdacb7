import { LineageNodeKind } from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';

type Row = Record<string, any>;

export type LineageSide = 'upstream' | 'downstream';

/** One edge the walk crossed, with the neighbour's rank among its peers. */
export type NeighbourRow = {
  /** The frontier node the edge was reached from. */
  source: string;
  /** The node at the other end. */
  neighbour: string;
  workflowId: string;
  endpointId: string;
  direction: 'input' | 'output';
  firstSeenAt: unknown;
  lastSeenAt: unknown;
  /** How many current neighbours the source has on this side. */
  total: number;
};

export type FanoutCounts = { upstream: number; downstream: number };

export type WorkflowDetailsRow = {
  id: string;
  namespace: string;
  name: string;
  owner?: string;
  runId?: string;
  runState?: string;
  runEndedAt?: unknown;
};

export type EndpointDetailsRow = {
  id: string;
  namespace: string;
  name: string;
  owner?: string;
  lastPartitionAt?: unknown;
  producerFailed: boolean;
};

export type ColumnLineageRow = {
  endpointId: string;
  field: string;
  inputNamespace: string;
  inputName: string;
  inputField: string;
  transformationType: string;
  transformationSubtype: string;
  transformationDescription?: string;
  masking?: boolean;
};

// SQLite takes 32,766 bound parameters a statement; PostgreSQL 65,535.
const CHUNK = 5_000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK));
  }
  return out;
}

const placeholders = (n: number) => new Array(n).fill('?').join(', ');

/**
 * Which stored edges a walk step follows: from endpoints, the workflows
 * that write them (upstream) or read them (downstream); from workflows,
 * the endpoints they read (upstream) or write (downstream).
 */
function step(kind: LineageNodeKind, side: LineageSide) {
  if (kind === 'endpoint') {
    return {
      column: 'endpoint_id',
      other: 'workflow_id',
      direction: side === 'upstream' ? 'output' : 'input',
    };
  }
  return {
    column: 'workflow_id',
    other: 'endpoint_id',
    direction: side === 'upstream' ? 'input' : 'output',
  };
}

/**
 * The rule that makes an edge of `lineage_edges e` current, over the
 * workflow basis `b` (job_io_time, current_run_id, current_run_ended_at):
 * the JobEvent's declaration when it is newer than the current run, else
 * the current run's inputs and outputs, else (a workflow with neither)
 * every edge it ever had. Each branch is a primary-key probe.
 */
const CURRENT_EDGE = `(
  (b.job_io_time IS NOT NULL
    AND (b.current_run_ended_at IS NULL OR b.job_io_time > b.current_run_ended_at)
    AND EXISTS (SELECT 1 FROM workflow_io wi
      WHERE wi.workflow_id = e.workflow_id AND wi.endpoint_id = e.endpoint_id
        AND wi.direction = e.direction))
  OR ((b.job_io_time IS NULL OR b.job_io_time <= b.current_run_ended_at)
    AND b.current_run_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM run_io ri
      WHERE ri.run_id = b.current_run_id AND ri.endpoint_id = e.endpoint_id
        AND ri.direction = e.direction))
  OR (b.job_io_time IS NULL AND b.current_run_id IS NULL)
)`;

/** The most recent run of workflow `w`, as the workflow pages show it. */
const LATEST_RUN = (w: string) =>
  `(SELECT r2.run_id FROM runs r2 WHERE r2.workflow_id = ${w}.id ORDER BY r2.sort_time DESC, r2.run_id DESC LIMIT 1)`;

/** An SQL fragment with its bindings, in the order they appear. */
type Sql = { sql: string; bindings: Knex.Value[] };

/**
 * The SQL behind lineage: the graph walk one batched query per step,
 * fan-out counts and node details one query per kind, column lineage one
 * query per hop. Every value is a bound parameter.
 */
export class LineageStore {
  constructor(private readonly db: Knex) {}

  private async rows(query: Sql): Promise<Row[]> {
    const result = await this.db.raw(query.sql, query.bindings);
    return Array.isArray(result) ? result : result?.rows ?? [];
  }

  /**
   * The workflows whose current edges a step may follow, as `b`. Now:
   * the workflows table as it is. As of a time: the same columns
   * evaluated then, for the workflows the step can reach.
   */
  private basis(
    asOf: Date | undefined,
    reach: { column: string; ids: string[]; direction?: string },
  ): Sql {
    if (!asOf) return { sql: 'workflows b', bindings: [] };
    return {
      sql: `(SELECT w.id, w.namespace, w.name,
          CASE WHEN w.job_io_time <= ? THEN w.job_io_time END AS job_io_time,
          cr.run_id AS current_run_id, cr.ended_at AS current_run_ended_at
        FROM workflows w
        LEFT JOIN runs cr ON cr.run_id = (
          SELECT r.run_id FROM runs r
          WHERE r.workflow_id = w.id AND r.state = 'COMPLETED'
            AND r.ended_at <= ?
          ORDER BY r.ended_at DESC, r.run_id DESC LIMIT 1)
        WHERE w.id IN (SELECT e2.workflow_id FROM lineage_edges e2
          WHERE e2.${reach.column} IN (${placeholders(reach.ids.length)})
          ${reach.direction ? 'AND e2.direction = ?' : ''})) b`,
      bindings: [
        asOf,
        asOf,
        ...reach.ids,
        ...(reach.direction ? [reach.direction] : []),
      ],
    };
  }

  /**
   * One step of the walk from `ids` (all of one kind): each node's current
   * neighbours on `side`, the first `fanout` of them in (namespace, name)
   * order, each row with the node's total. Edges first seen after `asOf`
   * did not exist then.
   */
  async neighbours(
    kind: LineageNodeKind,
    ids: string[],
    side: LineageSide,
    options: { fanout?: number; asOf?: Date },
  ): Promise<NeighbourRow[]> {
    const { column, other, direction } = step(kind, side);
    const out: NeighbourRow[] = [];
    for (const part of chunks(ids)) {
      const basis = this.basis(options.asOf, { column, ids: part, direction });
      const order =
        kind === 'endpoint'
          ? `b.namespace, b.name, e.workflow_id`
          : `n.namespace, n.name, e.endpoint_id`;
      const limited = options.fanout !== undefined;
      const inner = `SELECT e.workflow_id, e.endpoint_id, e.direction,
            e.first_seen_at, e.last_seen_at,
            ROW_NUMBER() OVER (PARTITION BY e.${column} ORDER BY ${order}) AS rn,
            COUNT(*) OVER (PARTITION BY e.${column}) AS total
          FROM lineage_edges e
          JOIN ${basis.sql} ON b.id = e.workflow_id
          ${
            kind === 'workflow'
              ? 'LEFT JOIN endpoints n ON n.id = e.endpoint_id'
              : ''
          }
          WHERE e.${column} IN (${placeholders(part.length)})
            AND e.direction = ?
            ${options.asOf ? 'AND e.first_seen_at <= ?' : ''}
            AND ${CURRENT_EDGE}`;
      const rows = await this.rows({
        sql: `SELECT * FROM (${inner}) t ${
          limited ? 'WHERE t.rn <= ?' : ''
        } ORDER BY t.${column}, t.rn`,
        bindings: [
          ...basis.bindings,
          ...part,
          direction,
          ...(options.asOf ? [options.asOf] : []),
          ...(limited ? [options.fanout!] : []),
        ],
      });
      for (const row of rows) {
        out.push({
          source: row[column],
          neighbour: row[other],
          workflowId: row.workflow_id,
          endpointId: row.endpoint_id,
          direction: row.direction,
          firstSeenAt: row.first_seen_at,
          lastSeenAt: row.last_seen_at,
          total: Number(row.total),
        });
      }
    }
    return out;
  }

  /** How many current neighbours each node has, upstream and downstream. */
  async fanoutCounts(
    kind: LineageNodeKind,
    ids: string[],
    asOf?: Date,
  ): Promise<Map<string, FanoutCounts>> {
    const column = kind === 'endpoint' ? 'endpoint_id' : 'workflow_id';
    const counts = new Map<string, FanoutCounts>();
    for (const id of ids) counts.set(id, { upstream: 0, downstream: 0 });
    for (const part of chunks(ids)) {
      const basis = this.basis(asOf, { column, ids: part });
      const rows = await this.rows({
        sql: `SELECT e.${column} AS id, e.direction, COUNT(*) AS n
          FROM lineage_edges e
          JOIN ${basis.sql} ON b.id = e.workflow_id
          WHERE e.${column} IN (${placeholders(part.length)})
            ${asOf ? 'AND e.first_seen_at <= ?' : ''}
            AND ${CURRENT_EDGE}
          GROUP BY e.${column}, e.direction`,
        bindings: [...basis.bindings, ...part, ...(asOf ? [asOf] : [])],
      });
      for (const row of rows) {
        const upstream =
          kind === 'endpoint'
            ? row.direction === 'output'
            : row.direction === 'input';
        counts.get(row.id)![upstream ? 'upstream' : 'downstream'] = Number(
          row.n,
        );
      }
    }
    return counts;
  }

  /** Workflows with their latest run (by nominal start, else start). */
  async workflowDetails(ids: string[]): Promise<WorkflowDetailsRow[]> {
    const out: WorkflowDetailsRow[] = [];
    for (const part of chunks(ids)) {
      const rows = await this.rows({
        sql: `SELECT w.id, w.namespace, w.name, w.owner,
            r.run_id, r.state, r.ended_at
          FROM workflows w
          LEFT JOIN runs r ON r.run_id = ${LATEST_RUN('w')}
          WHERE w.id IN (${placeholders(part.length)})`,
        bindings: part,
      });
      for (const row of rows) {
        out.push({
          id: row.id,
          namespace: row.namespace,
          name: row.name,
          owner: row.owner ?? undefined,
          runId: row.run_id ?? undefined,
          runState: row.state ?? undefined,
          runEndedAt: row.ended_at ?? undefined,
        });
      }
    }
    return out;
  }

  /**
   * Endpoints with when data last landed and whether a workflow that
   * currently writes them failed its latest run.
   */
  async endpointDetails(ids: string[]): Promise<EndpointDetailsRow[]> {
    const out: EndpointDetailsRow[] = [];
    for (const part of chunks(ids)) {
      const rows = await this.rows({
        sql: `SELECT n.id, n.namespace, n.name, n.owner, n.last_partition_at,
            CASE WHEN EXISTS (
              SELECT 1 FROM lineage_edges e
              JOIN workflows b ON b.id = e.workflow_id
              JOIN runs lr ON lr.run_id = ${LATEST_RUN('b')}
              WHERE e.endpoint_id = n.id AND e.direction = 'output'
                AND lr.state IN ('FAILED', 'ABORTED')
                AND ${CURRENT_EDGE}
            ) THEN 1 ELSE 0 END AS producer_failed
          FROM endpoints n
          WHERE n.id IN (${placeholders(part.length)})`,
        bindings: part,
      });
      for (const row of rows) {
        out.push({
          id: row.id,
          namespace: row.namespace,
          name: row.name,
          owner: row.owner ?? undefined,
          lastPartitionAt: row.last_partition_at ?? undefined,
          producerFailed: Number(row.producer_failed) === 1,
        });
      }
    }
    return out;
  }

  /** The endpoint or workflow with this id, if any. */
  async findById(
    id: string,
    kind?: LineageNodeKind,
  ): Promise<{ id: string; kind: LineageNodeKind } | undefined> {
    for (const k of kind ? [kind] : (['endpoint', 'workflow'] as const)) {
      const row = await this.db(k === 'endpoint' ? 'endpoints' : 'workflows')
        .where({ id })
        .first('id');
      if (row) return { id: row.id, kind: k };
    }
    return undefined;
  }

  /** The endpoint or workflow of this identity; an alias finds its endpoint. */
  async findByIdentity(
    kind: LineageNodeKind,
    namespace: string,
    name: string,
  ): Promise<string | undefined> {
    if (kind === 'workflow') {
      return (await this.db('workflows').where({ namespace, name }).first('id'))
        ?.id;
    }
    const direct = await this.db('endpoints')
      .where({ namespace, name })
      .first('id');
    if (direct) return direct.id;
    return (
      await this.db('endpoint_aliases')
        .where({ namespace, name })
        .first('endpoint_id')
    )?.endpoint_id;
  }

  /** The identities endpoints are known by: their own and their aliases. */
  async endpointIdentities(
    ids: string[],
    withAliases = true,
  ): Promise<{ id: string; namespace: string; name: string }[]> {
    const out: { id: string; namespace: string; name: string }[] = [];
    for (const part of chunks(ids)) {
      out.push(
        ...(await this.db('endpoints')
          .whereIn('id', part)
          .select('id', 'namespace', 'name')),
      );
      if (!withAliases) continue;
      const aliases = await this.db('endpoint_aliases')
        .whereIn('endpoint_id', part)
        .select('endpoint_id', 'namespace', 'name');
      out.push(
        ...aliases.map(r => ({
          id: r.endpoint_id,
          namespace: r.namespace,
          name: r.name,
        })),
      );
    }
    return out;
  }

  /** Resolves identities (endpoint or alias) to endpoint ids where known. */
  async resolveIdentities(
    identities: { namespace: string; name: string }[],
  ): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    const key = (ns: string, n: string) => `${ns}\u0000${n}`;
    for (const part of chunks(identities)) {
      const where = part.map(() => '(namespace = ? AND name = ?)').join(' OR ');
      const bindings = part.flatMap(i => [i.namespace, i.name]);
      const aliases = await this.rows({
        sql: `SELECT namespace, name, endpoint_id AS id FROM endpoint_aliases WHERE ${where}`,
        bindings,
      });
      for (const row of aliases) {
        resolved.set(key(row.namespace, row.name), row.id);
      }
      // An endpoint's own identity wins over another's alias.
      const direct = await this.rows({
        sql: `SELECT namespace, name, id FROM endpoints WHERE ${where}`,
        bindings,
      });
      for (const row of direct)
        resolved.set(key(row.namespace, row.name), row.id);
    }
    return resolved;
  }

  /** The column lineage rows of fields of these endpoints (upstream). */
  async columnLineageOf(endpointIds: string[]): Promise<ColumnLineageRow[]> {
    const out: ColumnLineageRow[] = [];
    for (const part of chunks(endpointIds)) {
      out.push(
        ...(await this.db('column_lineage').whereIn('endpoint_id', part)).map(
          columnRow,
        ),
      );
    }
    return out;
  }

  /** The column lineage rows whose input is one of these identities. */
  async columnLineageFrom(
    inputs: { namespace: string; name: string }[],
  ): Promise<ColumnLineageRow[]> {
    const out: ColumnLineageRow[] = [];
    for (const part of chunks(inputs)) {
      const where = part
        .map(() => '(input_namespace = ? AND input_name = ?)')
        .join(' OR ');
      const rows = await this.rows({
        sql: `SELECT * FROM column_lineage WHERE ${where}`,
        bindings: part.flatMap(i => [i.namespace, i.name]),
      });
      out.push(...rows.map(columnRow));
    }
    return out;
  }
}

function columnRow(row: Row): ColumnLineageRow {
  return {
    endpointId: row.endpoint_id,
    field: row.field,
    inputNamespace: row.input_namespace,
    inputName: row.input_name,
    inputField: row.input_field,
    transformationType: row.transformation_type ?? '',
    transformationSubtype: row.transformation_subtype ?? '',
    transformationDescription: row.transformation_description ?? undefined,
    masking:
      row.masking === null || row.masking === undefined
        ? undefined
        : Boolean(row.masking),
  };
}
