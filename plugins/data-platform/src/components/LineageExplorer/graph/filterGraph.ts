import {
  LineageNode,
  LineageNodeKind,
} from '@data-platform/plugin-data-platform-common';
import { MergedGraph } from './loadedGraph';

export type LineageFilters = {
  kind?: LineageNodeKind;
  owner?: string;
  namespace?: string;
};

/** An edge as drawn: `through` when it stands for a path of hidden nodes. */
export type VisibleEdge = { from: string; to: string; through: boolean };

export type VisibleGraph = {
  nodes: LineageNode[];
  edges: VisibleEdge[];
  /** How many loaded nodes the filters hide. */
  hidden: number;
};

function matches(node: LineageNode, filters: LineageFilters) {
  return (
    (!filters.kind || node.kind === filters.kind) &&
    (!filters.owner || node.owner === filters.owner) &&
    (!filters.namespace || node.namespace === filters.namespace)
  );
}

/**
 * The nodes the filters keep (the focus always stays), with hidden nodes
 * bridged: when A → hidden → B, the graph draws A → B marked `through`,
 * so that showing only endpoints still shows which feeds which.
 */
export function filterGraph(
  graph: MergedGraph,
  filters: LineageFilters,
): VisibleGraph {
  const all = [...graph.nodes.values()];
  const visible = new Set(
    all
      .filter(node => node.id === graph.focus || matches(node, filters))
      .map(node => node.id),
  );
  if (visible.size === all.length) {
    return {
      nodes: all,
      edges: graph.edges.map(({ from, to }) => ({ from, to, through: false })),
      hidden: 0,
    };
  }
  const successors = new Map<string, string[]>();
  for (const { from, to } of graph.edges) {
    if (!successors.has(from)) successors.set(from, []);
    successors.get(from)!.push(to);
  }
  const edges: VisibleEdge[] = [];
  for (const start of visible) {
    const direct = new Set<string>();
    const bridged = new Set<string>();
    const seen = new Set<string>();
    const queue: Array<[string, boolean]> = (successors.get(start) ?? []).map(
      next => [next, false],
    );
    while (queue.length > 0) {
      const [id, viaHidden] = queue.pop()!;
      if (visible.has(id)) {
        (viaHidden ? bridged : direct).add(id);
        continue;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      for (const next of successors.get(id) ?? []) queue.push([next, true]);
    }
    for (const to of direct) edges.push({ from: start, to, through: false });
    for (const to of bridged) {
      if (!direct.has(to)) edges.push({ from: start, to, through: true });
    }
  }
  return {
    nodes: all.filter(node => visible.has(node.id)),
    edges,
    hidden: all.length - visible.size,
  };
}

/** The owners and namespaces among the loaded nodes, for the filter menus. */
export function filterChoices(graph: MergedGraph) {
  const owners = new Set<string>();
  const namespaces = new Set<string>();
  for (const node of graph.nodes.values()) {
    if (node.owner) owners.add(node.owner);
    namespaces.add(node.namespace);
  }
  return {
    owners: [...owners].sort(),
    namespaces: [...namespaces].sort(),
  };
}
