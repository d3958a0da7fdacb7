import {
  ColumnLineageGraph,
  ColumnLineageNode,
} from '@data-platform/plugin-data-platform-common';

export const FIELD_HEIGHT = 26;
export const ENDPOINT_HEADER = 40;
export const ENDPOINT_WIDTH = 260;

/** An endpoint with the fields the column graph holds of it. */
export type ColumnEndpoint = {
  key: string;
  endpointId?: string;
  namespace: string;
  name: string;
  fields: ColumnLineageNode[];
  width: number;
  height: number;
};

/** A field-to-field edge of one transformation type. */
export type FieldEdge = {
  id: string;
  from: string;
  to: string;
  /** `DIRECT` edges are drawn solid, `INDIRECT` (and others) dashed. */
  type: string;
  label: string;
};

export function endpointKey(node: ColumnLineageNode): string {
  return node.endpointId ?? `${node.namespace}/${node.name}`;
}

/**
 * Groups fields under their endpoints and splits each edge by
 * transformation type, since a DIRECT and an INDIRECT derivation of the
 * same field mean different things and are drawn differently.
 */
export function columnGraphModel(graph: ColumnLineageGraph) {
  const endpoints = new Map<string, ColumnEndpoint>();
  for (const node of graph.nodes) {
    const key = endpointKey(node);
    let endpoint = endpoints.get(key);
    if (!endpoint) {
      endpoint = {
        key,
        endpointId: node.endpointId,
        namespace: node.namespace,
        name: node.name,
        fields: [],
        width: ENDPOINT_WIDTH,
        height: ENDPOINT_HEADER,
      };
      endpoints.set(key, endpoint);
    }
    endpoint.fields.push(node);
  }
  for (const endpoint of endpoints.values()) {
    endpoint.fields.sort((a, b) => a.field.localeCompare(b.field));
    endpoint.height =
      ENDPOINT_HEADER + endpoint.fields.length * FIELD_HEIGHT + 8;
  }

  const fieldEndpoint = new Map(graph.nodes.map(n => [n.id, endpointKey(n)]));
  const edges: FieldEdge[] = [];
  const endpointEdges = new Map<string, { from: string; to: string }>();
  for (const edge of graph.edges) {
    const byType = new Map<string, string[]>();
    for (const t of edge.transformations) {
      const type = (t.type || 'UNKNOWN').toUpperCase();
      const labels = byType.get(type) ?? [];
      if (t.subtype && !labels.includes(t.subtype)) labels.push(t.subtype);
      byType.set(type, labels);
    }
    if (byType.size === 0) byType.set('UNKNOWN', []);
    for (const [type, subtypes] of byType) {
      edges.push({
        id: `${edge.from}→${edge.to}:${type}`,
        from: edge.from,
        to: edge.to,
        type,
        label: [type, ...subtypes].join(' · '),
      });
    }
    const from = fieldEndpoint.get(edge.from);
    const to = fieldEndpoint.get(edge.to);
    if (from && to && from !== to) {
      endpointEdges.set(`${from}→${to}`, { from, to });
    }
  }
  return {
    endpoints: [...endpoints.values()],
    edges,
    endpointEdges: [...endpointEdges.values()],
  };
}
