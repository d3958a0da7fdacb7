import {
  lineageEdge,
  lineageNode,
  ordersLineage,
  revenueDownstream,
} from '../../../__testUtils__/lineageFixtures';
import { filterGraph } from './filterGraph';
import { findPath } from './findPath';
import {
  addExpansion,
  addPage,
  connectedGraph,
  hiddenNeighbourCount,
  LoadedGraph,
  mergeGraphs,
  nextPage,
  pagedSides,
  removeExpansion,
} from './loadedGraph';

const base: LoadedGraph = { base: ordersLineage(), expansions: [] };

describe('loaded lineage graph', () => {
  it('merges an expansion into the graph, keeping distances from the focus', () => {
    const loaded = addExpansion(base, {
      nodeId: 'ep-revenue',
      side: 'downstream',
      graph: revenueDownstream(),
    });
    const merged = mergeGraphs(loaded);
    expect([...merged.nodes.keys()].sort()).toEqual([
      'ep-dashboard',
      'ep-orders',
      'ep-revenue',
      'ep-staging',
      'wf-dash',
      'wf-load',
      'wf-ml',
      'wf-report',
    ]);
    expect(merged.nodes.get('ep-revenue')!.distance).toBe(1);
    expect(merged.edges).toHaveLength(7);
  });

  it('takes back only what no other answer connects to the focus', () => {
    // The expansion of wf-report upstream returns the focus itself again.
    let loaded = addExpansion(base, {
      nodeId: 'wf-report',
      side: 'upstream',
      graph: {
        focus: 'wf-report',
        truncated: false,
        nodes: [
          ordersLineage().nodes[3],
          ordersLineage().nodes[2],
          lineageNode({ id: 'ep-fx', name: 'fx.rates' }),
        ],
        edges: [
          lineageEdge('ep-orders', 'wf-report'),
          lineageEdge('ep-fx', 'wf-report'),
        ],
      },
    });
    expect(connectedGraph(loaded).nodes.has('ep-fx')).toBe(true);
    loaded = removeExpansion(loaded, 'wf-report', 'upstream');
    const graph = connectedGraph(loaded);
    expect(graph.nodes.has('ep-fx')).toBe(false);
    expect(graph.nodes.has('ep-orders')).toBe(true);
    expect(
      graph.edges.some(e => e.from === 'ep-orders' && e.to === 'wf-report'),
    ).toBe(true);
  });

  it('drops expansions beyond a collapsed node', () => {
    let loaded = addExpansion(base, {
      nodeId: 'ep-revenue',
      side: 'downstream',
      graph: revenueDownstream(),
    });
    loaded = addExpansion(loaded, {
      nodeId: 'ep-dashboard',
      side: 'downstream',
      graph: {
        focus: 'ep-dashboard',
        truncated: false,
        nodes: [
          revenueDownstream().nodes[3],
          lineageNode({ id: 'wf-x', kind: 'workflow', name: 'x' }),
        ],
        edges: [lineageEdge('ep-dashboard', 'wf-x')],
      },
    });
    loaded = removeExpansion(loaded, 'ep-revenue', 'downstream');
    expect(loaded.expansions).toEqual([]);
  });

  it('counts the neighbours a node does not show', () => {
    const node = lineageNode({
      id: 'a',
      name: 'a',
      downstream: { total: 5000, omitted: 4900 },
    });
    expect(hiddenNeighbourCount(node, 'downstream', 100)).toBe(4900);
    expect(hiddenNeighbourCount(node, 'upstream', 0)).toBe(0);
    const beyondDepth = lineageNode({
      id: 'b',
      name: 'b',
      upstream: { total: 3, omitted: 0 },
    });
    expect(hiddenNeighbourCount(beyondDepth, 'upstream', 1)).toBe(2);
  });
});

describe('filterGraph', () => {
  it('bridges hidden nodes with edges marked as passing through', () => {
    const visible = filterGraph(mergeGraphs(base), { kind: 'endpoint' });
    expect(visible.nodes.map(n => n.id).sort()).toEqual([
      'ep-orders',
      'ep-revenue',
      'ep-staging',
    ]);
    expect(visible.edges).toEqual(
      expect.arrayContaining([
        { from: 'ep-staging', to: 'ep-orders', through: true },
        { from: 'ep-orders', to: 'ep-revenue', through: true },
      ]),
    );
    expect(visible.edges).toHaveLength(2);
    expect(visible.hidden).toBe(2);
  });

  it('always keeps the focus', () => {
    const visible = filterGraph(mergeGraphs(base), {
      owner: 'group:default/team-b',
    });
    expect(visible.nodes.map(n => n.id).sort()).toEqual([
      'ep-orders',
      'wf-load',
    ]);
    expect(visible.edges).toEqual([
      { from: 'wf-load', to: 'ep-orders', through: false },
    ]);
  });
});

describe('findPath', () => {
  const edges = ordersLineage().edges;

  it('follows the edges from whichever end is upstream', () => {
    const path = findPath(edges, 'ep-revenue', 'wf-load')!;
    expect([...path.nodes].sort()).toEqual([
      'ep-orders',
      'ep-revenue',
      'wf-load',
      'wf-report',
    ]);
    expect(path.edges.size).toBe(3);
  });

  it('finds no path between siblings', () => {
    const withSibling = [...edges, lineageEdge('ep-orders', 'wf-audit')];
    expect(findPath(withSibling, 'wf-audit', 'wf-report')).toBeUndefined();
  });

  it('copes with cycles', () => {
    const cyclic = [
      lineageEdge('a', 'w'),
      lineageEdge('w', 'a'),
      lineageEdge('w', 'b'),
    ];
    expect([...findPath(cyclic, 'a', 'b')!.nodes].sort()).toEqual([
      'a',
      'b',
      'w',
    ]);
  });

  describe('pages of a wide node', () => {
    const [revenue, dash, ml] = revenueDownstream().nodes;
    const page1 = {
      focus: 'ep-revenue',
      truncated: false,
      nodes: [revenue, dash],
      edges: [lineageEdge('ep-revenue', 'wf-dash')],
      next: 'cursor-2',
    };
    const page2 = {
      focus: 'ep-revenue',
      truncated: false,
      nodes: [revenue, ml],
      edges: [lineageEdge('ep-revenue', 'wf-ml')],
    };

    it('merges the next page into the expansion it continues', () => {
      let loaded = addExpansion(base, {
        nodeId: 'ep-revenue',
        side: 'downstream',
        graph: page1,
      });
      expect(nextPage(loaded, 'ep-revenue', 'downstream')).toBe('cursor-2');
      expect(nextPage(loaded, 'ep-revenue', 'upstream')).toBeUndefined();
      expect(pagedSides(loaded).get('ep-revenue')).toEqual({
        upstream: false,
        downstream: true,
      });

      loaded = addPage(loaded, 'ep-revenue', 'downstream', page2);
      expect(loaded.expansions).toHaveLength(1);
      const merged = mergeGraphs(loaded);
      expect(merged.nodes.has('wf-dash')).toBe(true);
      expect(merged.nodes.has('wf-ml')).toBe(true);
      expect(
        merged.edges.filter(e => e.from === 'ep-revenue').map(e => e.to),
      ).toEqual(['wf-dash', 'wf-ml']);
      expect(nextPage(loaded, 'ep-revenue', 'downstream')).toBeUndefined();
      expect(pagedSides(loaded).size).toBe(0);

      // Collapsing takes back every page.
      const collapsed = removeExpansion(loaded, 'ep-revenue', 'downstream');
      expect(connectedGraph(collapsed).nodes.has('wf-ml')).toBe(false);
    });

    it("continues the focus's own page when the base was one", () => {
      const loaded: LoadedGraph = {
        base: page1,
        baseSide: 'downstream',
        expansions: [],
      };
      expect(nextPage(loaded, 'ep-revenue', 'downstream')).toBe('cursor-2');
      const more = addPage(loaded, 'ep-revenue', 'downstream', page2);
      expect(more.expansions).toHaveLength(0);
      expect([...mergeGraphs(more).nodes.keys()].sort()).toEqual([
        'ep-revenue',
        'wf-dash',
        'wf-ml',
      ]);
      // Without a page loaded for it, another node has nothing to continue.
      expect(addPage(loaded, 'wf-dash', 'downstream', page2)).toBe(loaded);
    });
  });
});
