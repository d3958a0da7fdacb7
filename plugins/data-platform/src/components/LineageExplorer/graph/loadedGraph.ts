import {
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '@data-platform/plugin-data-platform-common';

/** Which side of a node an expansion loaded. */
export type ExpandSide = 'upstream' | 'downstream';

/**
 * One click on a node's expand button: what the service answered, with
 * the further pages of a wide node merged in (`graph.next` is then the
 * cursor of the page after the last one loaded).
 */
export type Expansion = {
  nodeId: string;
  side: ExpandSide;
  graph: LineageGraph;
};

/**
 * What the explorer has loaded: the answer for the focus and every
 * expansion since, kept apart so that an expansion can be taken back.
 */
export type LoadedGraph = {
  base: LineageGraph;
  /**
   * The side the answer for the focus was a depth-1 page of, when it was
   * one: its `next` then continues the focus's neighbours on that side.
   */
  baseSide?: ExpandSide;
  expansions: Expansion[];
};

/** The union of the loaded answers, the graph the explorer draws. */
export type MergedGraph = {
  focus: string;
  nodes: Map<string, LineageNode>;
  edges: LineageEdge[];
  truncated: boolean;
};

export function edgeKey(edge: { from: string; to: string }): string {
  return `${edge.from}→${edge.to}`;
}

export function expansionKey(nodeId: string, side: ExpandSide): string {
  return `${side}:${nodeId}`;
}

export function mergeGraphs(loaded: LoadedGraph): MergedGraph {
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  let truncated = loaded.base.truncated;
  const add = (graph: LineageGraph) => {
    for (const node of graph.nodes) {
      const known = nodes.get(node.id);
      // Distances are counted from whichever node a response was asked
      // about; the first answer is the one counted from the focus.
      nodes.set(node.id, known ? { ...node, distance: known.distance } : node);
    }
    for (const edge of graph.edges) {
      edges.set(edgeKey(edge), edge);
    }
  };
  add(loaded.base);
  for (const expansion of loaded.expansions) {
    add(expansion.graph);
    truncated = truncated || expansion.graph.truncated;
  }
  // An edge whose end the answers did not include cannot be drawn.
  const drawable = [...edges.values()].filter(
    e => nodes.has(e.from) && nodes.has(e.to),
  );
  return { focus: loaded.base.focus, nodes, edges: drawable, truncated };
}

/** Adds an expansion, replacing an earlier one of the same node and side. */
export function addExpansion(
  loaded: LoadedGraph,
  expansion: Expansion,
): LoadedGraph {
  const key = expansionKey(expansion.nodeId, expansion.side);
  return {
    ...loaded,
    expansions: [
      ...loaded.expansions.filter(e => expansionKey(e.nodeId, e.side) !== key),
      expansion,
    ],
  };
}

/** Two pages of one node's neighbours as one answer, with the later cursor. */
function appendPage(graph: LineageGraph, page: LineageGraph): LineageGraph {
  const ids = new Set(graph.nodes.map(n => n.id));
  const edges = new Set(graph.edges.map(edgeKey));
  return {
    ...graph,
    nodes: [...graph.nodes, ...page.nodes.filter(n => !ids.has(n.id))],
    edges: [...graph.edges, ...page.edges.filter(e => !edges.has(edgeKey(e)))],
    truncated: graph.truncated || page.truncated,
    next: page.next,
  };
}

/**
 * The cursor of the next page of a node's neighbours on one side, when
 * what was loaded for it stopped short of them all.
 */
export function nextPage(
  loaded: LoadedGraph,
  nodeId: string,
  side: ExpandSide,
): string | undefined {
  const key = expansionKey(nodeId, side);
  const expansion = loaded.expansions.find(
    e => expansionKey(e.nodeId, e.side) === key,
  );
  if (expansion) return expansion.graph.next;
  if (loaded.baseSide === side && loaded.base.focus === nodeId) {
    return loaded.base.next;
  }
  return undefined;
}

/** Per node, the sides with a further page of neighbours to load. */
export function pagedSides(
  loaded: LoadedGraph,
): Map<string, Record<ExpandSide, boolean>> {
  const sides = new Map<string, Record<ExpandSide, boolean>>();
  const add = (nodeId: string, side: ExpandSide) => {
    const entry = sides.get(nodeId) ?? { upstream: false, downstream: false };
    entry[side] = true;
    sides.set(nodeId, entry);
  };
  if (loaded.baseSide && loaded.base.next) {
    add(loaded.base.focus, loaded.baseSide);
  }
  for (const e of loaded.expansions) {
    if (e.graph.next) add(e.nodeId, e.side);
  }
  return sides;
}

/**
 * Merges the next page of a node's neighbours into what was loaded for
 * that node and side: its expansion, or the answer for the focus.
 */
export function addPage(
  loaded: LoadedGraph,
  nodeId: string,
  side: ExpandSide,
  page: LineageGraph,
): LoadedGraph {
  const key = expansionKey(nodeId, side);
  const expansion = loaded.expansions.find(
    e => expansionKey(e.nodeId, e.side) === key,
  );
  if (expansion) {
    return addExpansion(loaded, {
      ...expansion,
      graph: appendPage(expansion.graph, page),
    });
  }
  if (loaded.baseSide === side && loaded.base.focus === nodeId) {
    return { ...loaded, base: appendPage(loaded.base, page) };
  }
  return loaded;
}

/**
 * Takes an expansion back: what it added goes unless another answer still
 * holds it and it still connects to the focus. Expansions of nodes that no
 * longer connect to the focus go with it, so collapsing a node also folds
 * what was expanded beyond it.
 */
export function removeExpansion(
  loaded: LoadedGraph,
  nodeId: string,
  side: ExpandSide,
): LoadedGraph {
  const key = expansionKey(nodeId, side);
  let expansions = loaded.expansions.filter(
    e => expansionKey(e.nodeId, e.side) !== key,
  );
  for (;;) {
    const reachable = reachableFromFocus(
      mergeGraphs({ base: loaded.base, expansions }),
    );
    const kept = expansions.filter(e => reachable.has(e.nodeId));
    if (kept.length === expansions.length) break;
    expansions = kept;
  }
  return { ...loaded, expansions };
}

/** Nodes joined to the focus by edges in either direction. */
export function reachableFromFocus(graph: MergedGraph): Set<string> {
  const neighbours = new Map<string, string[]>();
  for (const { from, to } of graph.edges) {
    if (!neighbours.has(from)) neighbours.set(from, []);
    if (!neighbours.has(to)) neighbours.set(to, []);
    neighbours.get(from)!.push(to);
    neighbours.get(to)!.push(from);
  }
  const seen = new Set([graph.focus]);
  const queue = [graph.focus];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const next of neighbours.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * The merged graph without what no longer connects to the focus (what a
 * collapse leaves behind of other answers).
 */
export function connectedGraph(loaded: LoadedGraph): MergedGraph {
  const merged = mergeGraphs(loaded);
  const reachable = reachableFromFocus(merged);
  const nodes = new Map([...merged.nodes].filter(([id]) => reachable.has(id)));
  return {
    ...merged,
    nodes,
    edges: merged.edges.filter(e => nodes.has(e.from) && nodes.has(e.to)),
  };
}

/**
 * How many neighbours of a node on one side the explorer does not show:
 * those the service left out (fan-out limit) or that lie beyond the depth
 * loaded so far.
 */
export function hiddenNeighbourCount(
  node: LineageNode,
  side: ExpandSide,
  shown: number,
): number {
  const fanout = node[side];
  return Math.max(fanout.omitted, fanout.total - shown);
}

/** Per node, how many neighbours the graph shows upstream and downstream. */
export function shownNeighbourCounts(edges: LineageEdge[]) {
  const counts = new Map<string, { upstream: number; downstream: number }>();
  const get = (id: string) => {
    let count = counts.get(id);
    if (!count) {
      count = { upstream: 0, downstream: 0 };
      counts.set(id, count);
    }
    return count;
  };
  for (const { from, to } of edges) {
    get(from).downstream += 1;
    get(to).upstream += 1;
  }
  return counts;
}
