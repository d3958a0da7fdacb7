import { generatePlatform } from './generatePlatform';
import { schemaAt } from './schemaVersions';

describe('generatePlatform', () => {
  const platform = generatePlatform({
    seed: 7,
    historyStart: new Date('2026-01-01T00:00:00Z'),
  });

  it('is the same platform for the same seed, another for another seed', () => {
    const again = generatePlatform({
      seed: 7,
      historyStart: new Date('2026-01-01T00:00:00Z'),
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(platform));
    const other = generatePlatform({
      seed: 8,
      historyStart: new Date('2026-01-01T00:00:00Z'),
    });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(platform));
  });

  it('has the requested size and unique identities', () => {
    expect(platform.teams).toHaveLength(12);
    expect(platform.endpoints).toHaveLength(300);
    expect(platform.workflows).toHaveLength(150);
    const ids = platform.endpoints.map(e => `${e.namespace}/${e.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    const jobs = platform.workflows.map(w => `${w.namespace}/${w.name}`);
    expect(new Set(jobs).size).toBe(jobs.length);
  });

  it('is a DAG of depth 8 with fan-in, fan-out and shared upstreams', () => {
    const producers = new Map<number, number>();
    const readers = new Map<number, number>();
    for (const w of platform.workflows) {
      for (const input of w.inputs) {
        expect(platform.endpoints[input].level).toBeLessThan(w.level);
        readers.set(input, (readers.get(input) ?? 0) + 1);
      }
      for (const output of w.outputs) {
        expect(producers.has(output)).toBe(false);
        producers.set(output, w.index);
        expect(platform.endpoints[output].producer).toBe(w.index);
      }
    }
    expect(Math.max(...platform.workflows.map(w => w.level))).toBe(8);
    // Every level's workflow reads the level right below: the depth is real.
    for (const w of platform.workflows) {
      expect(
        w.inputs.some(i => platform.endpoints[i].level === w.level - 1),
      ).toBe(true);
    }
    expect(platform.workflows.some(w => w.inputs.length >= 4)).toBe(true);
    expect(platform.workflows.some(w => w.outputs.length >= 2)).toBe(true);
    expect(Math.max(...readers.values())).toBeGreaterThanOrEqual(5);
    const raw = platform.endpoints.filter(e => e.level === 0);
    expect(raw.every(e => readers.has(e.index))).toBe(true);
  });

  it('mixes engines and schedules, and owns everything by a team', () => {
    const engines = new Set(platform.workflows.map(w => w.engine));
    expect([...engines].sort()).toEqual(['bigquery', 'dataflow', 'flink']);
    const schedules = new Set(platform.workflows.map(w => w.schedule));
    expect([...schedules].sort()).toEqual(['daily', 'hourly']);
    const teams = new Set(platform.teams.map(t => t.name));
    for (const owned of [...platform.endpoints, ...platform.workflows]) {
      expect(teams.has(owned.owner)).toBe(true);
    }
  });

  it('gives SQL workflows column lineage that names real input columns', () => {
    const sqlWorkflows = platform.workflows.filter(w => w.sql);
    expect(sqlWorkflows.length).toBeGreaterThan(0);
    for (const w of sqlWorkflows) {
      for (const output of w.outputs) {
        const names = platform.endpoints[output].fields.map(f => f.name);
        for (const source of w.columnLineage![output]) {
          expect(names).toContain(source.field);
          for (const input of source.inputs) {
            expect(w.inputs).toContain(input.endpoint);
            const [top, nested] = input.field.split('.');
            const field = platform.endpoints[input.endpoint].fields.find(
              f => f.name === top,
            );
            expect(field).toBeDefined();
            const children = (field!.fields ?? []).map(f => f.name);
            expect(nested === undefined || children.includes(nested)).toBe(
              true,
            );
          }
        }
      }
    }
  });

  it('evolves some schemas, a few of them in breaking ways', () => {
    const evolving = platform.endpoints.filter(e => e.evolution.length);
    expect(evolving.length).toBeGreaterThan(20);
    expect(evolving.some(e => e.evolution.some(c => c.kind !== 'add'))).toBe(
      true,
    );
    const added = evolving.find(e => e.evolution[0].kind === 'add')!;
    const change = added.evolution[0];
    expect(schemaAt(added, change.at - 1)).toBe(added.fields);
    expect(schemaAt(added, change.at).length).toBe(added.fields.length + 1);
  });

  it('refuses sizes that cannot make a platform', () => {
    expect(() => generatePlatform({ endpoints: 10, workflows: 10 })).toThrow(
      /too few/,
    );
  });

  it('generates a 20k-endpoint platform in well under a few seconds', () => {
    const started = Date.now();
    const big = generatePlatform({
      endpoints: 20_000,
      workflows: 8_000,
      edges: 60_000,
      teams: 40,
    });
    expect(big.endpoints).toHaveLength(20_000);
    expect(big.edges).toBeGreaterThan(50_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
