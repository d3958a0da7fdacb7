import dagre from '@dagrejs/dagre';
import { fastLayeredLayout } from './fastLayeredLayout';

export type LayoutInput = {
  nodes: { id: string; width: number; height: number }[];
  edges: { from: string; to: string }[];
  /** Space between layers; more where edges carry labels. Default 72. */
  rankSeparation?: number;
};

// Above this many nodes dagre takes too long (seconds with its best
// ranker, over half a second with its cheapest, on a thousand nodes).
const LARGE_GRAPH = 300;

/** Top-left corners, the way React Flow places nodes. */
export type LayoutPositions = Record<string, { x: number; y: number }>;

/**
 * A layered left-to-right layout: sources on the left, each edge pointing
 * right. Pure, so that it runs the same in the layout worker and, where
 * there are no workers, on the main thread.
 */
export function layeredLayout(input: LayoutInput): LayoutPositions {
  if (input.nodes.length > LARGE_GRAPH) return fastLayeredLayout(input);
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({
    rankdir: 'LR',
    nodesep: 24,
    ranksep: input.rankSeparation ?? 72,
    marginx: 16,
    marginy: 16,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes) {
    graph.setNode(node.id, { width: node.width, height: node.height });
  }
  for (const edge of input.edges) {
    if (
      edge.from !== edge.to &&
      graph.hasNode(edge.from) &&
      graph.hasNode(edge.to)
    ) {
      graph.setEdge(edge.from, edge.to);
    }
  }
  dagre.layout(graph);
  const positions: LayoutPositions = {};
  for (const node of input.nodes) {
    const laid = graph.node(node.id);
    positions[node.id] = {
      x: laid.x - node.width / 2,
      y: laid.y - node.height / 2,
    };
  }
  return positions;
}
