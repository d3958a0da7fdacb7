import { lineageEdge } from '../../../__testUtils__/lineageFixtures';
import { fastLayeredLayout } from './fastLayeredLayout';
import { layeredLayout } from './layeredLayout';

const size = { width: 100, height: 40 };

describe('layered layouts', () => {
  it.each([
    ['dagre', layeredLayout],
    ['fast', fastLayeredLayout],
  ])('%s puts every edge left to right', (_, layout) => {
    const edges = [
      lineageEdge('a', 'w1'),
      lineageEdge('w1', 'b'),
      lineageEdge('w1', 'c'),
      lineageEdge('c', 'w2'),
      lineageEdge('b', 'w2'),
      lineageEdge('w2', 'd'),
    ];
    const ids = ['d', 'c', 'b', 'a', 'w2', 'w1'];
    const positions = layout({
      nodes: ids.map(id => ({ id, ...size })),
      edges,
    });
    for (const { from, to } of edges) {
      expect(positions[to].x).toBeGreaterThan(positions[from].x);
    }
    // Nodes of one rank do not overlap.
    expect(Math.abs(positions.b.y - positions.c.y)).toBeGreaterThanOrEqual(40);
  });

  it('the fast layout survives a cycle', () => {
    const positions = fastLayeredLayout({
      nodes: ['a', 'w'].map(id => ({ id, ...size })),
      edges: [lineageEdge('a', 'w'), lineageEdge('w', 'a')],
    });
    expect(Object.keys(positions).sort()).toEqual(['a', 'w']);
  });

  it('hands large graphs to the fast layout', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => ({
      id: `n${i}`,
      ...size,
    }));
    const edges = nodes
      .slice(1)
      .map((n, i) => lineageEdge(`n${Math.floor(i / 3)}`, n.id));
    const positions = layeredLayout({ nodes, edges });
    expect(Object.keys(positions)).toHaveLength(1000);
    for (const { from, to } of edges) {
      expect(positions[to].x).toBeGreaterThan(positions[from].x);
    }
  });
});
