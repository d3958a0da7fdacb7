import { InputError, NotFoundError } from '@backstage/errors';
import {
  ColumnLineageGraph,
  ImpactItem,
  ImpactReport,
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineageNodeKind,
  RunState,
} from '@data-platform/plugin-data-platform-common';
import { toIso } from '../database/conversions';
import { ColumnWalk, FieldSet, fieldNodeId } from './ColumnWalk';
import { DEFAULT_LINEAGE_LIMITS, LineageLimits } from './config';
import { impactCsv, impactCsvFilename } from './impactCsv';
import { LineageSide, LineageStore } from './LineageStore';
import { integer, RawQuery, text } from '../http/queryParameters';
import {
  asOf,
  compare,
  Cursor,
  cursor,
  direction,
  encodeCursor,
  kind,
} from './params';
import { endpointStatus, runStatus } from './status';

/**
 * Lineage read from what ingestion keeps: the workflow-endpoint graph, the
 * field-level graph from the columnLineage facet, and the impact of a
 * change (everything downstream). Each takes the request's query as it
 * came and validates it: a bad parameter throws InputError, an unknown
 * focus NotFoundError.
 */
export interface LineageService {
  getGraph(query: RawQuery): Promise<LineageGraph>;
  getColumnGraph(query: RawQuery): Promise<ColumnLineageGraph>;
  getImpact(query: RawQuery): Promise<ImpactReport>;
  /** The impact report as a CSV download, and the file's name. */
  getImpactCsv(query: RawQuery): Promise<{ filename: string; csv: string }>;
}

type Focus = { id: string; kind: LineageNodeKind };

type WalkNode = { kind: LineageNodeKind; distance: number };

/** The graph a walk collected: nodes with distances, edges, fan-outs. */
type Walked = {
  nodes: Map<string, WalkNode>;
  edges: Map<string, LineageEdge>;
  /** Totals known from walk steps, by `${id}\u0000${side}`. */
  totals: Map<string, number>;
  truncated: boolean;
  /** Where the focus's next page of neighbours starts, if any remain. */
  next?: Cursor;
};

/** The walked nodes' ids, apart by kind, for one details query per kind. */
function idsByKind(nodes: Map<string, WalkNode>) {
  const ids = { endpoint: [] as string[], workflow: [] as string[] };
  for (const [id, node] of nodes) ids[node.kind].push(id);
  return ids;
}

// A walk alternates: endpoints lead to workflows and workflows to endpoints.
const other = (k: LineageNodeKind): LineageNodeKind =>
  k === 'endpoint' ? 'workflow' : 'endpoint';

/**
 * The knex-backed {@link LineageService}: breadth-first walks with one
 * batched query per hop and side.
 */
export class DefaultLineageService implements LineageService {
  private readonly limits: LineageLimits;

  constructor(
    private readonly store: LineageStore,
    limits: Partial<LineageLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LINEAGE_LIMITS };
    for (const [key, value] of Object.entries(limits)) {
      if (value === undefined) continue;
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(
          `dataPlatform.lineage.${key} must be a positive integer, not ${value}`,
        );
      }
      this.limits[key as keyof LineageLimits] = value;
    }
  }

  private async focus(query: RawQuery): Promise<Focus> {
    const id = text(query, 'id');
    const k = kind(query);
    if (id) {
      const found = await this.store.findById(id, k);
      if (!found)
        throw new NotFoundError(`No ${k ?? 'endpoint or workflow'} ${id}`);
      return found;
    }
    const namespace = text(query, 'namespace');
    const name = text(query, 'name');
    if (!k || !namespace || !name) {
      throw new InputError(
        'Give the focus as id, or as kind, namespace and name',
      );
    }
    const found = await this.store.findByIdentity(k, namespace, name);
    if (!found) throw new NotFoundError(`No ${k} ${namespace} ${name}`);
    return { id: found, kind: k };
  }

  /**
   * Walks from the focus breadth-first, both sides a hop at a time so
   * that a node limit cuts them alike. Each side keeps its own
   * visited set, so `both` is the union of the upstream and downstream
   * closures, and a cycle ends where it meets a visited node.
   */
  private async walk(
    focus: Focus,
    sides: LineageSide[],
    options: {
      depth: number;
      fanout?: number;
      maxNodes: number;
      asOf?: Date;
      /** The focus's neighbours start after this one (its first hop). */
      after?: Cursor;
    },
  ): Promise<Walked> {
    const nodes = new Map<string, WalkNode>([
      [focus.id, { kind: focus.kind, distance: 0 }],
    ]);
    const edges = new Map<string, LineageEdge>();
    const totals = new Map<string, number>();
    let truncated = false;
    let nextPage: Cursor | undefined;
    let firstHop = true;
    // An endpoint leads to workflows one hop further; a workflow's
    // inputs and outputs are as far as the workflow itself.
    const expands = (node: WalkNode) =>
      node.kind === 'workflow' || node.distance < options.depth;
    const walks = sides.map(side => ({
      side,
      kind: focus.kind,
      frontier: expands(nodes.get(focus.id)!) ? [focus.id] : [],
      visited: new Set([focus.id]),
      distance: new Map([[focus.id, 0]]),
    }));

    while (!truncated && walks.some(w => w.frontier.length > 0)) {
      // The sides' queries of a hop run together; their rows are taken in
      // a fixed order, so the node limit cuts the same way every time.
      const after = firstHop ? options.after : undefined;
      const results = await Promise.all(
        walks.map(walk =>
          walk.frontier.length === 0
            ? []
            : this.store.neighbours(walk.kind, walk.frontier, walk.side, {
                fanout: options.fanout,
                asOf: options.asOf,
                after,
              }),
        ),
      );
      if (firstHop) {
        // The focus's page: more remain after its last row than it holds.
        const page = results.flat().filter(r => r.source === focus.id);
        const last = page[page.length - 1];
        if (last && last.remaining > page.length) {
          nextPage = { id: last.neighbour };
        }
        firstHop = false;
      }
      for (const [index, walk] of walks.entries()) {
        if (walk.frontier.length === 0) continue;
        const frontierKind = walk.kind;
        const neighbourKind = other(frontierKind);
        const rows = results[index];
        for (const id of walk.frontier) {
          totals.set(`${id}\u0000${walk.side}`, 0);
        }
        const next: string[] = [];
        for (const row of rows) {
          totals.set(`${row.source}\u0000${walk.side}`, row.total);
          const sourceDistance = walk.distance.get(row.source)!;
          const distance =
            frontierKind === 'endpoint' ? sourceDistance + 1 : sourceDistance;
          const existing = nodes.get(row.neighbour);
          if (!existing) {
            if (nodes.size >= options.maxNodes) {
              truncated = true;
              continue;
            }
            nodes.set(row.neighbour, { kind: neighbourKind, distance });
          } else if (distance < existing.distance) {
            existing.distance = distance;
          }
          const edge =
            row.direction === 'input'
              ? { from: row.endpointId, to: row.workflowId }
              : { from: row.workflowId, to: row.endpointId };
          edges.set(`${edge.from}\u0000${edge.to}`, {
            ...edge,
            firstSeenAt: toIso(row.firstSeenAt)!,
            lastSeenAt: toIso(row.lastSeenAt)!,
          });
          if (!walk.visited.has(row.neighbour)) {
            walk.visited.add(row.neighbour);
            walk.distance.set(row.neighbour, distance);
            if (expands({ kind: neighbourKind, distance })) {
              next.push(row.neighbour);
            }
          }
        }
        walk.frontier = next;
        walk.kind = neighbourKind;
      }
      if (truncated) for (const walk of walks) walk.frontier = [];
    }
    return { nodes, edges, totals, truncated, next: nextPage };
  }

  async getGraph(query: RawQuery): Promise<LineageGraph> {
    const dir = direction(query);
    const depth =
      integer(query, 'depth', { min: 0, max: this.limits.maxDepth }) ?? 1;
    const fanout = Math.min(
      integer(query, 'fanout', { min: 1, max: Number.MAX_SAFE_INTEGER }) ??
        this.limits.defaultFanout,
      this.limits.maxFanout,
    );
    const time = asOf(query);
    // Pages of one side of the focus's neighbours, each with their own
    // inputs or outputs: only where a page is that one side at depth 1.
    const paged = depth === 1 && dir !== 'both';
    const after = cursor(query);
    if (after && !paged) {
      throw new InputError(
        'after pages the focus neighbours on one side: give it with depth=1 and direction upstream or downstream',
      );
    }
    const focus = await this.focus(query);
    const sides: LineageSide[] =
      dir === 'both' ? ['upstream', 'downstream'] : [dir];
    const walked = await this.walk(focus, sides, {
      depth,
      fanout,
      maxNodes: this.limits.maxNodes,
      asOf: time,
      after,
    });
    const nodes = await this.describe(walked, time);
    // An edge whose endpoint or workflow row is missing (a store edited by
    // hand) is left out rather than pointing at no node.
    const described = new Set(nodes.map(n => n.id));
    return {
      focus: focus.id,
      nodes,
      edges: [...walked.edges.values()].filter(
        e => described.has(e.from) && described.has(e.to),
      ),
      ...(time && { asOf: time.toISOString() }),
      truncated: walked.truncated,
      ...(paged && walked.next && { next: encodeCursor(walked.next) }),
    };
  }

  /**
   * What the graph shows of each node, one query per kind, and its
   * fan-out on both sides: totals the walk did not learn are counted in
   * one more query per kind; `omitted` is what the response leaves out.
   */
  private async describe(
    walked: Walked,
    time: Date | undefined,
  ): Promise<LineageNode[]> {
    const ids = idsByKind(walked.nodes);
    const present = new Map<string, number>();
    const bump = (key: string) => present.set(key, (present.get(key) ?? 0) + 1);
    for (const edge of walked.edges.values()) {
      bump(`${edge.from}\u0000downstream`);
      bump(`${edge.to}\u0000upstream`);
    }
    const unknown = (k: LineageNodeKind) => ({
      upstream: ids[k].filter(id => !walked.totals.has(`${id}\u0000upstream`)),
      downstream: ids[k].filter(
        id => !walked.totals.has(`${id}\u0000downstream`),
      ),
    });
    const [endpoints, workflows, endpointCounts, workflowCounts] =
      await Promise.all([
        this.store.endpointDetails(ids.endpoint),
        this.store.workflowDetails(ids.workflow),
        this.store.fanoutCounts('endpoint', unknown('endpoint'), time),
        this.store.fanoutCounts('workflow', unknown('workflow'), time),
      ]);
    const counted = new Map([...endpointCounts, ...workflowCounts]);
    const fanout = (id: string, side: LineageSide) => {
      const total =
        walked.totals.get(`${id}\u0000${side}`) ?? counted.get(id)?.[side] ?? 0;
      const shown = present.get(`${id}\u0000${side}`) ?? 0;
      return { total, omitted: Math.max(0, total - shown) };
    };
    const out: LineageNode[] = [];
    for (const row of endpoints) {
      const node = walked.nodes.get(row.id)!;
      const lastUpdatedAt = toIso(row.lastPartitionAt);
      out.push({
        id: row.id,
        kind: 'endpoint',
        namespace: row.namespace,
        name: row.name,
        ...(row.owner && { owner: row.owner }),
        distance: node.distance,
        ...(lastUpdatedAt && { lastUpdatedAt }),
        status: endpointStatus(row.producerFailed, lastUpdatedAt),
        upstream: fanout(row.id, 'upstream'),
        downstream: fanout(row.id, 'downstream'),
      });
    }
    for (const row of workflows) {
      const node = walked.nodes.get(row.id)!;
      const endedAt = toIso(row.runEndedAt);
      out.push({
        id: row.id,
        kind: 'workflow',
        namespace: row.namespace,
        name: row.name,
        ...(row.owner && { owner: row.owner }),
        distance: node.distance,
        ...(row.runId && {
          lastRun: {
            id: row.runId,
            state: row.runState as RunState,
            ...(endedAt && { endedAt }),
          },
        }),
        status: runStatus(row.runState),
        upstream: fanout(row.id, 'upstream'),
        downstream: fanout(row.id, 'downstream'),
      });
    }
    return out.sort(
      (a, b) =>
        a.distance - b.distance ||
        compare(a.namespace, b.namespace) ||
        compare(a.name, b.name) ||
        compare(a.id, b.id),
    );
  }

  async getImpact(query: RawQuery): Promise<ImpactReport> {
    const depth = integer(query, 'depth', {
      min: 0,
      max: this.limits.maxDepth,
    });
    const time = asOf(query);
    const focus = await this.focus(query);
    const walked = await this.walk(focus, ['downstream'], {
      depth: depth ?? Number.POSITIVE_INFINITY,
      maxNodes: this.limits.impactMaxNodes + 1,
      asOf: time,
    });
    walked.nodes.delete(focus.id);
    const ids = idsByKind(walked.nodes);
    const [endpoints, workflows] = await Promise.all([
      this.store.endpointDetails(ids.endpoint),
      this.store.workflowDetails(ids.workflow),
    ]);
    const items: ImpactItem[] = [
      ...endpoints.map(r => ({ ...r, kind: 'endpoint' as const })),
      ...workflows.map(r => ({ ...r, kind: 'workflow' as const })),
    ]
      .map(r => ({
        id: r.id,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        ...(r.owner && { owner: r.owner }),
        distance: walked.nodes.get(r.id)!.distance,
      }))
      .sort(
        (a, b) =>
          a.distance - b.distance ||
          compare(a.kind, b.kind) ||
          compare(a.namespace, b.namespace) ||
          compare(a.name, b.name),
      );
    const owners = new Map<string | undefined, number>();
    for (const item of items) {
      owners.set(item.owner, (owners.get(item.owner) ?? 0) + 1);
    }
    return {
      focus: focus.id,
      items,
      owners: [...owners.entries()]
        .map(([owner, count]) => ({ ...(owner && { owner }), count }))
        .sort(
          (a, b) => b.count - a.count || compare(a.owner ?? '', b.owner ?? ''),
        ),
      truncated: walked.truncated,
    };
  }

  async getImpactCsv(
    query: RawQuery,
  ): Promise<{ filename: string; csv: string }> {
    const report = await this.getImpact(query);
    return {
      filename: impactCsvFilename(
        typeof query.name === 'string' ? query.name : report.focus,
      ),
      csv: impactCsv(report),
    };
  }

  async getColumnGraph(query: RawQuery): Promise<ColumnLineageGraph> {
    const dir = direction(query);
    const depth =
      integer(query, 'depth', { min: 0, max: this.limits.maxDepth }) ?? 1;
    const field = text(query, 'field');
    const id = text(query, 'id');
    const namespace = text(query, 'namespace');
    const name = text(query, 'name');
    let endpointId: string | undefined;
    if (id) {
      endpointId = (await this.store.findById(id, 'endpoint'))?.id;
    } else if (namespace && name) {
      endpointId = await this.store.findByIdentity('endpoint', namespace, name);
    } else {
      throw new InputError('Give the endpoint as id, or as namespace and name');
    }
    if (!endpointId) {
      throw new NotFoundError(`No endpoint ${id ?? `${namespace} ${name}`}`);
    }
    const [identity] = await this.store.columns.endpointIdentities([
      endpointId,
    ]);
    const walk = new ColumnWalk(this.store.columns, this.limits.maxNodes);
    const start: FieldSet = field === undefined ? 'all' : new Set([field]);
    if (field !== undefined) {
      walk.addNode(
        { endpointId, namespace: identity.namespace, name: identity.name },
        field,
        0,
      );
    }
    const sides: LineageSide[] =
      dir === 'both' ? ['upstream', 'downstream'] : [dir];
    for (const side of sides) {
      await walk.run(side, endpointId, start, depth);
    }
    return {
      focus: field === undefined ? endpointId : fieldNodeId(endpointId, field),
      nodes: await walk.nodes(),
      edges: walk.edges(),
      truncated: walk.truncated,
    };
  }
}
