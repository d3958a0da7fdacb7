import { LineageNodeKind } from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';
import { ColumnLineageStore } from './ColumnLineageStore';
import { currentEdgeRule } from './currentEdgeRule';
import { chunks, placeholders, rawRows, Row, Sql } from './sql';

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
  /** How many of them come after `after` (all of them without it). */
  remaining: number;
};

/**
 * Where a page of one node's neighbours starts: after the neighbour with
 * this id (pages follow the neighbours' ids).
 */
export type NeighbourCursor = { id: string };

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

/** The most recent run of the workflow `id`, as the workflow pages show it. */
const LATEST_RUN = (id: string) =>
  `(SELECT r2.run_id FROM runs r2 WHERE r2.workflow_id = ${id} ORDER BY r2.sort_time DESC, r2.run_id DESC LIMIT 1)`;

/**
 * The SQL behind lineage: the graph walk one batched query per step,
 * fan-out counts and node details one query per kind, column lineage one
 * query per hop. Every value is a bound parameter.
 */
export class LineageStore {
  constructor(private readonly db: Knex) {
    this.columns = new ColumnLineageStore(db);
  }

  /** Column lineage, which has its own queries. */
  readonly columns: ColumnLineageStore;

  private rows(query: Sql): Promise<Row[]> {
    return rawRows(this.db, query);
  }

  /**
   * The workflow columns the current-edge rule reads, as `b`, evaluated
   * as of a time (the JobEvent only if declared by then, the latest run
   * completed by then). Only ever read for one workflow, by its id.
   */
  private basis(asOf: Date): Sql {
    return {
      sql: `(SELECT w.id,
          CASE WHEN w.job_io_time <= ? THEN w.job_io_time END AS job_io_time,
          cr.run_id AS current_run_id, cr.ended_at AS current_run_ended_at
        FROM workflows w
        LEFT JOIN runs cr ON cr.run_id = (
          SELECT r.run_id FROM runs r
          WHERE r.workflow_id = w.id AND r.state = 'COMPLETED'
            AND r.ended_at <= ?
          ORDER BY r.ended_at DESC, r.run_id DESC LIMIT 1)) b`,
      bindings: [asOf, asOf],
    };
  }

  /**
   * One step of the walk from `ids` (all of one kind): each node's current
   * neighbours on `side`, the first `fanout` of them in the order of the
   * neighbour's id, or the first after `after`, each row with the node's
   * total. Edges first seen after `asOf` did not exist then.
   *
   * Id order is the order of the partial indexes on current edges, so on
   * PostgreSQL a LATERAL join with a per-node LIMIT reads only the page's
   * index entries and the total is an index-only count: a node with 5,000
   * consumers costs a page, not 5,000 name lookups and a sort. SQLite,
   * which has no LATERAL, ranks with a running count in the same order. As of a
   * time the rule is evaluated for every candidate edge (to count them),
   * so a wide node stays as costly as its width there.
   */
  async neighbours(
    kind: LineageNodeKind,
    ids: string[],
    side: LineageSide,
    options: { fanout?: number; asOf?: Date; after?: NeighbourCursor },
  ): Promise<NeighbourRow[]> {
    const { column, other, direction } = step(kind, side);
    const out: NeighbourRow[] = [];
    const lateral = this.db.client.config.client === 'pg';
    for (const part of chunks(ids)) {
      const current = this.isCurrent(options.asOf);
      const { after, fanout, asOf } = options;
      // The edges of the node `src` that count, as a condition on `e`.
      const of = (src?: string): Sql => ({
        sql: `${src ? `e.${column} = ${src} AND ` : ''}e.direction = ?
          ${asOf ? 'AND e.first_seen_at <= ?' : ''}
          AND ${current.sql}`,
        bindings: [direction, ...(asOf ? [asOf] : []), ...current.bindings],
      });
      let query: Sql;
      if (lateral) {
        const edges = of('s.src');
        query = {
          sql: `SELECT s.src, c.total, c.remaining, p.*
            FROM (SELECT unnest(ARRAY[${placeholders(
              part.length,
            )}]::text[]) AS src) s
            CROSS JOIN LATERAL (
              SELECT COUNT(*) AS total,
                SUM(CASE WHEN ${after ? `e.${other} > ?` : 'TRUE'}
                  THEN 1 ELSE 0 END) AS remaining
              FROM lineage_edges e WHERE ${edges.sql}) c
            CROSS JOIN LATERAL (
              SELECT e.workflow_id, e.endpoint_id, e.direction,
                e.first_seen_at, e.last_seen_at
              FROM lineage_edges e
              WHERE ${edges.sql} ${after ? `AND e.${other} > ?` : ''}
              ORDER BY e.${other}
              ${fanout !== undefined ? 'LIMIT ?' : ''}) p
            ORDER BY s.src, p.${other}`,
          bindings: [
            ...part,
            ...(after ? [after.id] : []),
            ...edges.bindings,
            ...edges.bindings,
            ...(after ? [after.id] : []),
            ...(fanout !== undefined ? [fanout] : []),
          ],
        };
      } else {
        const edges = of();
        // After a cursor: the total counts every edge, what remains only
        // those after it, and the rank starts after it.
        query = {
          sql: `SELECT * FROM (SELECT c.*,
              SUM(c.later) OVER (PARTITION BY c.src) AS remaining,
              SUM(c.later) OVER (PARTITION BY c.src
                ORDER BY c.${other} ROWS UNBOUNDED PRECEDING) AS rn
            FROM (SELECT e.workflow_id, e.endpoint_id, e.direction,
                e.first_seen_at, e.last_seen_at, e.${column} AS src,
                COUNT(*) OVER (PARTITION BY e.${column}) AS total,
                CASE WHEN ${after ? `e.${other} > ?` : '1 = 1'}
                  THEN 1 ELSE 0 END AS later
              FROM lineage_edges e
              WHERE e.${column} IN (${placeholders(part.length)})
                AND ${edges.sql}) c) t
            WHERE t.later = 1 ${fanout !== undefined ? 'AND t.rn <= ?' : ''}
            ORDER BY t.src, t.${other}`,
          bindings: [
            ...(after ? [after.id] : []),
            ...part,
            ...edges.bindings,
            ...(fanout !== undefined ? [fanout] : []),
          ],
        };
      }
      for (const row of await this.rows(query)) {
        out.push({
          source: row.src,
          neighbour: row[other],
          workflowId: row.workflow_id,
          endpointId: row.endpoint_id,
          direction: row.direction,
          firstSeenAt: row.first_seen_at,
          lastSeenAt: row.last_seen_at,
          total: Number(row.total),
          remaining: Number(row.remaining ?? row.total),
        });
      }
    }
    return out;
  }

  /**
   * A condition on `lineage_edges e`: the edge is current (now, or as of
   * a time). Now, the flag ingestion keeps, which the partial indexes on
   * current edges serve without touching any other table. As of a time,
   * the rule: a scalar subquery rather than a join, so that PostgreSQL
   * probes the workflow by primary key for each edge instead of hashing
   * the whole workflows table when a frontier has many edges: the cost
   * follows the neighbourhood, not the size of the graph.
   */
  private isCurrent(asOf: Date | undefined): Sql {
    if (!asOf) return { sql: 'e.current', bindings: [] };
    const basis = this.basis(asOf);
    return {
      sql: `(SELECT CASE WHEN ${currentEdgeRule('b')} THEN 1 ELSE 0 END
        FROM ${basis.sql} WHERE b.id = e.workflow_id) = 1`,
      bindings: basis.bindings,
    };
  }

  /**
   * How many current neighbours nodes of one kind have on the sides asked
   * for: one query for both sides.
   */
  async fanoutCounts(
    kind: LineageNodeKind,
    ids: Record<LineageSide, string[]>,
    asOf?: Date,
  ): Promise<Map<string, Partial<FanoutCounts>>> {
    const counts = new Map<string, Partial<FanoutCounts>>();
    const wanted: { side: LineageSide; id: string }[] = [
      ...ids.upstream.map(id => ({ side: 'upstream' as const, id })),
      ...ids.downstream.map(id => ({ side: 'downstream' as const, id })),
    ];
    for (const { side, id } of wanted) {
      counts.set(id, { ...counts.get(id), [side]: 0 });
    }
    for (const part of chunks(wanted)) {
      const sides = (['upstream', 'downstream'] as const)
        .map(side => ({
          side,
          ...step(kind, side),
          ids: part.filter(w => w.side === side).map(w => w.id),
        }))
        .filter(s => s.ids.length > 0);
      const { column } = sides[0];
      const current = this.isCurrent(asOf);
      const condition = `e.direction = ?
            ${asOf ? 'AND e.first_seen_at <= ?' : ''}
            AND ${current.sql}`;
      const conditionBindings = (s: (typeof sides)[number]) => [
        s.direction,
        ...(asOf ? [asOf] : []),
        ...current.bindings,
      ];
      // PostgreSQL: a count per node, each an index-only count on the
      // current edges. As one grouped scan over every node the planner
      // goes parallel once the frontier is large (a wide node's depth-3
      // neighbourhood), and starting the workers cost more than the count.
      // Elsewhere one SELECT per side, not an OR of the two, so each is
      // answered from the current edges' index alone.
      const rows = await this.rows(
        this.db.client.config.client === 'pg'
          ? {
              sql: sides
                .map(
                  side => `SELECT s.id, ?::text AS direction,
                (SELECT COUNT(*) FROM lineage_edges e
                  WHERE e.${column} = s.id AND ${condition}) AS n
              FROM unnest(ARRAY[${placeholders(
                side.ids.length,
              )}]::text[]) AS s(id)`,
                )
                .join(' UNION ALL '),
              bindings: sides.flatMap(side => [
                side.direction,
                ...conditionBindings(side),
                ...side.ids,
              ]),
            }
          : {
              sql: sides
                .map(
                  s => `SELECT e.${column} AS id, e.direction, COUNT(*) AS n
          FROM lineage_edges e
          WHERE e.${column} IN (${placeholders(s.ids.length)})
            AND ${condition}
          GROUP BY e.${column}, e.direction`,
                )
                .join(' UNION ALL '),
              bindings: sides.flatMap(s => [...s.ids, ...conditionBindings(s)]),
            },
      );
      for (const row of rows) {
        const side = sides.find(s => s.direction === row.direction)?.side;
        if (!side || counts.get(row.id)?.[side] === undefined) continue;
        counts.get(row.id)![side] = Number(row.n);
      }
    }
    return counts;
  }

  /** Workflows with their latest run (the one that started last). */
  async workflowDetails(ids: string[]): Promise<WorkflowDetailsRow[]> {
    const out: WorkflowDetailsRow[] = [];
    for (const part of chunks(ids)) {
      const rows = await this.rows({
        sql: `SELECT w.id, w.namespace, w.name, w.owner_ref AS owner,
            r.run_id, r.state, r.ended_at
          FROM workflows w
          LEFT JOIN runs r ON r.run_id = ${LATEST_RUN('w.id')}
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
        sql: `SELECT n.id, n.namespace, n.name, n.owner_ref AS owner, n.last_partition_at,
            CASE WHEN EXISTS (
              SELECT 1 FROM lineage_edges e
              WHERE e.endpoint_id = n.id AND e.direction = 'output'
                AND e.current
                AND (SELECT lr.state FROM runs lr
                  WHERE lr.run_id = ${LATEST_RUN('e.workflow_id')})
                  IN ('FAILED', 'ABORTED')
              LIMIT 1 OFFSET 0
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
    // Ids carry their kind's prefix; look there first.
    const guess: LineageNodeKind[] = id.startsWith('wf_')
      ? ['workflow', 'endpoint']
      : ['endpoint', 'workflow'];
    for (const k of kind ? [kind] : guess) {
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
}
