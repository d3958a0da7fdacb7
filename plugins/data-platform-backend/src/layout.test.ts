import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/*
 * The folders under src/ are the backend's domains (README, Backend
 * layout). They import each other in one direction only: a cycle between
 * two folders means neither can be understood, tested or moved alone.
 * Tests and test utilities may reach anywhere (they start the plugin), so
 * only the code the plugin runs is checked.
 */

const root = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === '__testUtils__' ? [] : sources(path);
    }
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The top folder under src/ a file is in; `.` for files at the top. */
function folderOf(file: string): string {
  const parts = relative(root, file).split(sep);
  return parts.length > 1 ? parts[0] : '.';
}

/** Folder → the other folders its files import from. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(root)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(
      /(?:import|export)[^'"]*?from\s+'(\.[^']*)'/g,
    )) {
      const to = folderOf(resolve(dirname(file), spec));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** A cycle of folders, as a path that ends where it starts, if any. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') {
      return [...path.slice(path.indexOf(node)), node];
    }
    state.set(node, 'open');
    path.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the backend layout', () => {
  const graph = folderGraph();

  it('has no import cycle between folders', () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it('finds a cycle when there is one', () => {
    const cyclic = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('keeps the shared folders leaves: they import no domain', () => {
    expect([...graph.get('database')!]).toEqual([]);
    expect([...graph.get('openlineage')!]).toEqual(['database']);
    expect([...graph.get('http')!].sort()).toEqual(['database', 'schema']);
  });

  it('has nothing import the top-level wiring but the tests', () => {
    const importingRoot = [...graph]
      .filter(([folder, edges]) => folder !== '.' && edges.has('.'))
      .map(([folder]) => folder);
    expect(importingRoot).toEqual([]);
  });
});
