import { InputError, NotFoundError } from '@backstage/errors';
import {
  ColumnLineageEdge,
  ColumnLineageGraph,
  ColumnLineageNode,
  ColumnTransformation,
  ImpactItem,
  ImpactReport,
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineageNodeKind,
  RunState,
} from '@data-platform/plugin-data-platform-common';
import { entityId } from '../derivation/ids';
import { toIso } from '../store/conversions';
import { ColumnLineageRow, LineageSide, LineageStore } from './LineageStore';

/** Limits that keep a lineage answer bounded; from `dataPlatform.lineage`. */
export type LineageLimits = {
  /** The largest `depth` a request may ask for. */
  maxDepth: number;
  /** Nodes in one graph; the walk stops there and says `truncated`. */
  maxNodes: number;
  /** Neighbours per node and side when the request does not say. */
  defaultFanout: number;
  /** The largest `fanout` a request gets; larger asks are capped. */
  maxFanout: number;
  /** Items in one impact report, which has no fan-out limit. */
  impactMaxNodes: number;
};

export const DEFAULT_LINEAGE_LIMITS: LineageLimits = {
  maxDepth: 10,
  maxNodes: 2000,
  defaultFanout: 50,
  maxFanout: 500,
  impactMaxNodes: 10_000,
};

/** Query parameters as they come off the wire, before validation. */
export type RawQuery = Record<string, unknown>;

/**
 * Lineage read from what ingestion keeps: the workflow-endpoint graph, the
 * field-level graph from the columnLineage facet, and the impact of a
 * change (everything downstream).
 */
export interface LineageService {
  getGraph(query: RawQuery): Promise<LineageGraph>;
  getColumnGraph(query: RawQuery): Promise<ColumnLineageGraph>;
  getImpact(query: RawQuery): Promise<ImpactReport>;
}

type Focus = { id: string; kind: LineageNodeKind };

const DIRECTIONS: LineageDirection[] = ['upstream', 'downstream', 'both'];
const KINDS: LineageNodeKind[] = ['endpoint', 'workflow'];

function text(query: RawQuery, key: string): string | undefined {
  const value = query[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new InputError(`${key} must be given once, as text`);
  }
  return String(value);
}

function integer(
  query: RawQuery,
  key: string,
  range: { min: number; max: number },
): number | undefined {
  const raw = text(query, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < range.min || value > range.max) {
    throw new InputError(
      `${key} must be an integer from ${range.min} to ${range.max}, not ${raw}`,
    );
  }
  return value;
}

function direction(query: RawQuery): LineageDirection {
  const value = text(query, 'direction') ?? 'both';
  if (!DIRECTIONS.includes(value as LineageDirection)) {
    throw new InputError(
      `direction must be upstream, downstream or both, not ${value}`,
    );
  }
  return value as LineageDirection;
}

function kind(query: RawQuery): LineageNodeKind | undefined {
  const value = text(query, 'kind');
  if (value === undefined) return undefined;
  if (!KINDS.includes(value as LineageNodeKind)) {
    throw new InputError(`kind must be endpoint or workflow, not ${value}`);
  }
  return value as LineageNodeKind;
}

const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function asOf(query: RawQuery): Date | undefined {
  const raw = text(query, 'asOf');
  if (raw === undefined) return undefined;
  const time = new Date(raw);
  if (!ISO_8601.test(raw) || Number.isNaN(time.getTime())) {
    throw new InputError(`asOf must be an ISO 8601 timestamp, not ${raw}`);
  }
  return time;
}

function runStatus(state?: string): LineageNode['status'] {
  switch (state) {
    case 'COMPLETED':
      return 'ok';
    case 'FAILED':
    case 'ABORTED':
      return 'failed';
    case 'RUNNING':
      return 'running';
    default:
      return 'unknown';
  }
}

type WalkNode = { kind: LineageNodeKind; distance: number };

/** The graph a walk collected: nodes with distances, edges, fan-outs. */
type Walked = {
  nodes: Map<string, WalkNode>;
  edges: Map<string, LineageEdge>;
  /** Totals known from walk steps, by `${id}\u0000${side}`. */
  totals: Map<string, number>;
  truncated: boolean;
};

const kindOf = (id: string): LineageNodeKind =>
  id.startsWith('wf_') ? 'workflow' : 'endpoint';

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
   * Walks from the focus breadth-first, one side after the other at each
   * hop so that a node limit cuts both alike. Each side keeps its own
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
    },
  ): Promise<Walked> {
    const nodes = new Map<string, WalkNode>([
      [focus.id, { kind: focus.kind, distance: 0 }],
    ]);
    const edges = new Map<string, LineageEdge>();
    const totals = new Map<string, number>();
    let truncated = false;
    // An endpoint leads to workflows one hop further; a workflow's
    // inputs and outputs are as far as the workflow itself.
    const expands = (node: WalkNode) =>
      node.kind === 'workflow' || node.distance < options.depth;
    const walks = sides.map(side => ({
      side,
      frontier: expands(nodes.get(focus.id)!) ? [focus.id] : [],
      visited: new Set([focus.id]),
      distance: new Map([[focus.id, 0]]),
    }));

    while (!truncated && walks.some(w => w.frontier.length > 0)) {
      for (const walk of walks) {
        if (walk.frontier.length === 0) continue;
        const frontierKind = kindOf(walk.frontier[0]);
        const rows = await this.store.neighbours(
          frontierKind,
          walk.frontier,
          walk.side,
          { fanout: options.fanout, asOf: options.asOf },
        );
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
            nodes.set(row.neighbour, {
              kind: kindOf(row.neighbour),
              distance,
            });
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
            const node = { kind: kindOf(row.neighbour), distance };
            if (expands(node)) next.push(row.neighbour);
          }
        }
        walk.frontier = truncated ? [] : next;
      }
    }
    return { nodes, edges, totals, truncated };
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
    const focus = await this.focus(query);
    const sides: LineageSide[] =
      dir === 'both' ? ['upstream', 'downstream'] : [dir];
    const walked = await this.walk(focus, sides, {
      depth,
      fanout,
      maxNodes: this.limits.maxNodes,
      asOf: time,
    });
    return {
      focus: focus.id,
      nodes: await this.describe(walked, time),
      edges: [...walked.edges.values()],
      ...(time && { asOf: time.toISOString() }),
      truncated: walked.truncated,
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
    const ids = { endpoint: [] as string[], workflow: [] as string[] };
    for (const [id, node] of walked.nodes) ids[node.kind].push(id);
    const present = new Map<string, number>();
    const bump = (key: string) => present.set(key, (present.get(key) ?? 0) + 1);
    for (const edge of walked.edges.values()) {
      bump(`${edge.from}\u0000downstream`);
      bump(`${edge.to}\u0000upstream`);
    }
    const unknown = (kind: LineageNodeKind) =>
      ids[kind].filter(
        id =>
          !walked.totals.has(`${id}\u0000upstream`) ||
          !walked.totals.has(`${id}\u0000downstream`),
      );
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
        status: row.producerFailed
          ? 'failed'
          : lastUpdatedAt
          ? 'ok'
          : 'unknown',
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
    const ids = { endpoint: [] as string[], workflow: [] as string[] };
    for (const [id, node] of walked.nodes) ids[node.kind].push(id);
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
    const [identity] = await this.store.endpointIdentities([endpointId]);
    const walk = new ColumnWalk(this.store, this.limits.maxNodes);
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

/** Which fields of an endpoint a column walk follows. */
type FieldSet = Set<string> | 'all';

type Dataset = { endpointId?: string; namespace: string; name: string };

const fieldNodeId = (endpointId: string, field: string) =>
  `${endpointId}:${field}`;

const TYPE_ORDER: Record<string, number> = { DIRECT: 0, INDIRECT: 1 };

/**
 * A breadth-first walk over the columnLineage facet's rows, one query per
 * hop. A field's upstream is the rows of its endpoint for that field, plus
 * the endpoint's dataset-level rows (field '': inputs that shape every
 * field, such as join keys and filters), drawn into a node with an empty
 * field that stands for the endpoint as a whole. Downstream follows rows
 * whose input is the field, under the endpoint's own identity or any of
 * its aliases; the whole-endpoint node ends a downstream path, as nothing
 * names it as an input. Inputs are resolved to endpoints where known
 * (aliases too); unknown ones keep their identity without `endpointId`.
 */
class ColumnWalk {
  truncated = false;
  private readonly found = new Map<
    string,
    { dataset: Dataset; field: string; distance: number }
  >();
  private readonly links = new Map<
    string,
    {
      from: string;
      to: string;
      transformations: Map<string, ColumnTransformation>;
    }
  >();

  constructor(
    private readonly store: LineageStore,
    private readonly maxNodes: number,
  ) {}

  /** Adds a node if there is room; answers whether it is in the graph. */
  addNode(dataset: Dataset, field: string, distance: number): boolean {
    const key = fieldNodeId(datasetKey(dataset), field);
    const existing = this.found.get(key);
    if (existing) {
      existing.distance = Math.min(existing.distance, distance);
      return true;
    }
    if (this.found.size >= this.maxNodes) {
      this.truncated = true;
      return false;
    }
    this.found.set(key, { dataset, field, distance });
    return true;
  }

  private addEdge(
    from: { dataset: Dataset; field: string },
    to: { dataset: Dataset; field: string },
    row: ColumnLineageRow,
    distance: { from: number; to: number },
  ): boolean {
    if (
      !this.addNode(from.dataset, from.field, distance.from) ||
      !this.addNode(to.dataset, to.field, distance.to)
    ) {
      return false;
    }
    const fromId = fieldNodeId(datasetKey(from.dataset), from.field);
    const toId = fieldNodeId(datasetKey(to.dataset), to.field);
    const key = `${fromId}\u0000${toId}`;
    let link = this.links.get(key);
    if (!link) {
      link = { from: fromId, to: toId, transformations: new Map() };
      this.links.set(key, link);
    }
    // Rows from facets without transformations say nothing of the kind.
    if (row.transformationType) {
      const t: ColumnTransformation = {
        type: row.transformationType,
        ...(row.transformationSubtype && {
          subtype: row.transformationSubtype,
        }),
        ...(row.transformationDescription && {
          description: row.transformationDescription,
        }),
        ...(row.masking !== undefined && { masking: row.masking }),
      };
      link.transformations.set(JSON.stringify(t), t);
    }
    return true;
  }

  /** Resolves input identities to endpoints, via aliases where needed. */
  private async datasets(rows: ColumnLineageRow[]) {
    const identities = new Map<string, { namespace: string; name: string }>();
    for (const row of rows) {
      identities.set(`${row.inputNamespace}\u0000${row.inputName}`, {
        namespace: row.inputNamespace,
        name: row.inputName,
      });
    }
    const resolved = await this.store.resolveIdentities([
      ...identities.values(),
    ]);
    return (row: ColumnLineageRow): Dataset => {
      const endpointId = resolved.get(
        `${row.inputNamespace}\u0000${row.inputName}`,
      );
      return endpointId
        ? { endpointId, namespace: '', name: '' }
        : { namespace: row.inputNamespace, name: row.inputName };
    };
  }

  async run(
    side: LineageSide,
    endpointId: string,
    fields: FieldSet,
    depth: number,
  ) {
    // Per endpoint key, the fields still to walk from.
    let frontier = new Map<string, { dataset: Dataset; fields: FieldSet }>([
      [
        endpointId,
        { dataset: { endpointId, namespace: '', name: '' }, fields },
      ],
    ]);
    const visited = new Set<string>(
      fields === 'all' ? [] : [...fields].map(f => fieldNodeId(endpointId, f)),
    );
    for (let hop = 1; hop <= depth && frontier.size && !this.truncated; hop++) {
      const next = new Map<string, { dataset: Dataset; fields: FieldSet }>();
      const follow = (dataset: Dataset, field: string) => {
        const key = fieldNodeId(datasetKey(dataset), field);
        if (visited.has(key)) return;
        visited.add(key);
        const entry = next.get(datasetKey(dataset));
        if (entry) (entry.fields as Set<string>).add(field);
        else
          next.set(datasetKey(dataset), { dataset, fields: new Set([field]) });
      };
      const wants = (fieldSet: FieldSet, field: string) =>
        fieldSet === 'all' || fieldSet.has(field);
      if (side === 'upstream') {
        // Only endpoints can be outputs with column lineage.
        const known = [...frontier.values()].filter(f => f.dataset.endpointId);
        const rows = (
          await this.store.columnLineageOf(
            known.map(f => f.dataset.endpointId!),
          )
        ).filter(
          r =>
            r.field === '' ||
            wants(frontier.get(r.endpointId)!.fields, r.field),
        );
        const input = await this.datasets(rows);
        for (const row of rows) {
          const from = { dataset: input(row), field: row.inputField };
          const to = {
            dataset: frontier.get(row.endpointId)!.dataset,
            field: row.field,
          };
          if (this.addEdge(from, to, row, { from: hop, to: hop - 1 })) {
            follow(from.dataset, from.field);
          }
        }
      } else {
        const known = [...frontier.values()]
          .filter(f => f.dataset.endpointId)
          .map(f => f.dataset.endpointId!);
        const identities = [
          ...(await this.store.endpointIdentities(known)).map(i => ({
            namespace: i.namespace,
            name: i.name,
            key: i.id,
          })),
          ...[...frontier.entries()]
            .filter(([, f]) => !f.dataset.endpointId)
            .map(([key, f]) => ({
              namespace: f.dataset.namespace,
              name: f.dataset.name,
              key,
            })),
        ];
        const keyOf = new Map(
          identities.map(i => [`${i.namespace}\u0000${i.name}`, i.key]),
        );
        const rows = await this.store.columnLineageFrom(identities);
        for (const row of rows) {
          const key = keyOf.get(`${row.inputNamespace}\u0000${row.inputName}`);
          const source = key && frontier.get(key);
          if (!source || !wants(source.fields, row.inputField)) continue;
          const from = { dataset: source.dataset, field: row.inputField };
          const to = {
            dataset: { endpointId: row.endpointId, namespace: '', name: '' },
            field: row.field,
          };
          if (
            this.addEdge(from, to, row, { from: hop - 1, to: hop }) &&
            row.field !== ''
          ) {
            follow(to.dataset, to.field);
          }
        }
      }
      frontier = next;
    }
  }

  /** The nodes, with the identities of known endpoints filled in. */
  async nodes(): Promise<ColumnLineageNode[]> {
    const ids = [
      ...new Set(
        [...this.found.values()]
          .map(n => n.dataset.endpointId)
          .filter((id): id is string => !!id),
      ),
    ];
    const identities = new Map<string, { namespace: string; name: string }>();
    for (const row of await this.store.endpointIdentities(ids, false)) {
      identities.set(row.id, row);
    }
    return [...this.found.entries()]
      .map(([id, n]) => {
        const identity = n.dataset.endpointId
          ? identities.get(n.dataset.endpointId)
          : n.dataset;
        return {
          id,
          ...(n.dataset.endpointId && { endpointId: n.dataset.endpointId }),
          namespace: identity?.namespace ?? '',
          name: identity?.name ?? '',
          field: n.field,
          distance: n.distance,
        };
      })
      .sort(
        (a, b) =>
          a.distance - b.distance ||
          compare(a.namespace, b.namespace) ||
          compare(a.name, b.name) ||
          compare(a.field, b.field),
      );
  }

  edges(): ColumnLineageEdge[] {
    return [...this.links.values()].map(link => ({
      from: link.from,
      to: link.to,
      transformations: [...link.transformations.values()].sort(
        (a, b) =>
          (TYPE_ORDER[a.type] ?? 2) - (TYPE_ORDER[b.type] ?? 2) ||
          compare(a.type, b.type) ||
          compare(a.subtype ?? '', b.subtype ?? '') ||
          compare(a.description ?? '', b.description ?? ''),
      ),
    }));
  }
}

/** Known endpoints by id; unknown datasets by the id they would have. */
function datasetKey(dataset: Dataset): string {
  return (
    dataset.endpointId ?? entityId('endpoint', dataset.namespace, dataset.name)
  );
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
