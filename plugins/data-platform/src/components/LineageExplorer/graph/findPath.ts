import { edgeKey } from './loadedGraph';

export type GraphPath = {
  nodes: Set<string>;
  /** Keys (`edgeKey`) of the edges along the path. */
  edges: Set<string>;
};

function shortestDirected(
  edges: { from: string; to: string }[],
  from: string,
  to: string,
): string[] | undefined {
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    if (!successors.has(edge.from)) successors.set(edge.from, []);
    successors.get(edge.from)!.push(edge.to);
  }
  const previous = new Map<string, string>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0 && !seen.has(to)) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const succ of successors.get(id) ?? []) {
        if (!seen.has(succ)) {
          seen.add(succ);
          previous.set(succ, id);
          next.push(succ);
        }
      }
    }
    frontier = next;
  }
  if (!seen.has(to)) return undefined;
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0])!);
  return path;
}

/**
 * The shortest path along the edges' direction between two nodes of the
 * drawn graph, whichever of the two is upstream of the other; undefined
 * when neither reaches the other.
 */
export function findPath(
  edges: { from: string; to: string }[],
  a: string,
  b: string,
): GraphPath | undefined {
  const path =
    a === b
      ? [a]
      : shortestDirected(edges, a, b) ?? shortestDirected(edges, b, a);
  if (!path) return undefined;
  const pathEdges = new Set<string>();
  for (let i = 1; i < path.length; i++) {
    pathEdges.add(edgeKey({ from: path[i - 1], to: path[i] }));
  }
  return { nodes: new Set(path), edges: pathEdges };
}
