import {
  ColumnLineageEdge,
  ColumnLineageNode,
  ColumnTransformation,
} from '@data-platform/plugin-data-platform-common';
import { entityId } from '../openlineage/ids';
import { ColumnLineageRow } from './columnLineageRows';
import { ColumnLineageStore } from './ColumnLineageStore';
import { LineageSide } from './LineageStore';
import { compare } from './params';

/** Which fields of an endpoint a column walk follows. */
export type FieldSet = Set<string> | 'all';

type Dataset = { endpointId?: string; namespace: string; name: string };

export const fieldNodeId = (endpointId: string, field: string) =>
  `${endpointId}:${field}`;

const TYPE_ORDER: Record<string, number> = { DIRECT: 0, INDIRECT: 1 };

/** Known endpoints by id; unknown datasets by the id they would have. */
function datasetKey(dataset: Dataset): string {
  return (
    dataset.endpointId ?? entityId('endpoint', dataset.namespace, dataset.name)
  );
}

type Frontier = Map<string, { dataset: Dataset; fields: FieldSet }>;

const wants = (fields: FieldSet, field: string) =>
  fields === 'all' || fields.has(field);

const listed = (fields: FieldSet) =>
  fields === 'all' ? undefined : [...fields];

/** The fields a hop reached that no earlier hop had, grouped by endpoint. */
function nextFrontier(
  reached: { dataset: Dataset; field: string }[],
  visited: Set<string>,
): Frontier {
  const next: Frontier = new Map();
  for (const { dataset, field } of reached) {
    const key = fieldNodeId(datasetKey(dataset), field);
    if (visited.has(key)) continue;
    visited.add(key);
    const entry = next.get(datasetKey(dataset));
    if (entry) (entry.fields as Set<string>).add(field);
    else next.set(datasetKey(dataset), { dataset, fields: new Set([field]) });
  }
  return next;
}

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
export class ColumnWalk {
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
    private readonly store: ColumnLineageStore,
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
    let frontier: Frontier = new Map([
      [
        endpointId,
        { dataset: { endpointId, namespace: '', name: '' }, fields },
      ],
    ]);
    const visited = new Set<string>(
      fields === 'all' ? [] : [...fields].map(f => fieldNodeId(endpointId, f)),
    );
    for (let hop = 1; hop <= depth && frontier.size && !this.truncated; hop++) {
      const reached =
        side === 'upstream'
          ? await this.upstreamHop(frontier, hop)
          : await this.downstreamHop(frontier, hop);
      frontier = nextFrontier(reached, visited);
    }
  }

  /** One hop upstream: the inputs of the frontier's fields. */
  private async upstreamHop(frontier: Frontier, hop: number) {
    // Only endpoints can be outputs with column lineage.
    const known = [...frontier.values()].filter(f => f.dataset.endpointId);
    const rows = (
      await this.store.columnLineageOf(
        known.map(f => ({
          endpointId: f.dataset.endpointId!,
          fields: listed(f.fields),
        })),
      )
    ).filter(
      r => r.field === '' || wants(frontier.get(r.endpointId)!.fields, r.field),
    );
    const input = await this.datasets(rows);
    const reached: { dataset: Dataset; field: string }[] = [];
    for (const row of rows) {
      const from = { dataset: input(row), field: row.inputField };
      const to = {
        dataset: frontier.get(row.endpointId)!.dataset,
        field: row.field,
      };
      if (this.addEdge(from, to, row, { from: hop, to: hop - 1 })) {
        reached.push(from);
      }
    }
    return reached;
  }

  /** One hop downstream: the fields derived from the frontier's fields. */
  private async downstreamHop(frontier: Frontier, hop: number) {
    const known = [...frontier.values()]
      .filter(f => f.dataset.endpointId)
      .map(f => f.dataset.endpointId!);
    const identities = [
      ...(await this.store.endpointIdentities(known)).map(i => ({
        namespace: i.namespace,
        name: i.name,
        key: i.id,
        fields: listed(frontier.get(i.id)!.fields),
      })),
      ...[...frontier.entries()]
        .filter(([, f]) => !f.dataset.endpointId)
        .map(([key, f]) => ({
          namespace: f.dataset.namespace,
          name: f.dataset.name,
          key,
          fields: listed(f.fields),
        })),
    ];
    const keyOf = new Map(
      identities.map(i => [`${i.namespace}\u0000${i.name}`, i.key]),
    );
    const reached: { dataset: Dataset; field: string }[] = [];
    for (const row of await this.store.columnLineageFrom(identities)) {
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
        reached.push(to);
      }
    }
    return reached;
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
