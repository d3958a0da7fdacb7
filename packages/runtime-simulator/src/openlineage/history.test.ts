import { generatePlatform } from '../model/generatePlatform';
import { eventsBetween, snapshotEvents, windows } from './history';
import { RunEvent } from './types';

const DAY = 86_400_000;
const historyStart = new Date('2026-03-01T00:00:00Z');
const platform = generatePlatform({ seed: 11, historyStart, historyDays: 30 });
const from = new Date(historyStart.getTime() + 10 * DAY);
const to = new Date(from.getTime() + 3 * DAY);

describe('eventsBetween', () => {
  const events = eventsBetween(platform, from, to);

  it('is the same events, byte for byte, for the same seed', () => {
    const again = eventsBetween(
      generatePlatform({ seed: 11, historyStart, historyDays: 30 }),
      from,
      to,
    );
    expect(JSON.stringify(again)).toBe(JSON.stringify(events));
    const other = eventsBetween(
      generatePlatform({ seed: 12, historyStart, historyDays: 30 }),
      from,
      to,
    );
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(events));
  });

  it('keeps to the window, in event time order', () => {
    expect(events.length).toBeGreaterThan(1000);
    const times = events.map(e => Date.parse(e.eventTime));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(from.getTime());
    expect(Math.max(...times)).toBeLessThan(to.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('splits into windows without losing or repeating events', () => {
    const pieces = [...windows(from, to, 7 * 3_600_000)].flatMap(([a, b]) =>
      eventsBetween(platform, a, b),
    );
    const key = (e: RunEvent) => `${e.run.runId}/${e.eventType}`;
    expect(pieces.map(key).sort()).toEqual(events.map(key).sort());
  });

  it('starts every finished run, fails some, retries and completes some', () => {
    const byRun = new Map<string, RunEvent[]>();
    for (const e of events) {
      byRun.set(e.run.runId, [...(byRun.get(e.run.runId) ?? []), e]);
    }
    const whole = [...byRun.values()].filter(r => r[0].eventType === 'START');
    expect(whole.length).toBeGreaterThan(100);
    const ends = whole.flatMap(run => run.slice(1).map(e => e.eventType));
    expect(ends.every(t => t === 'COMPLETE' || t === 'FAIL')).toBe(true);
    expect(whole.every(run => run.length <= 2)).toBe(true);
    const failed = events.filter(e => e.eventType === 'FAIL');
    expect(failed.length).toBeGreaterThan(0);
    for (const fail of failed) {
      expect(fail.run.facets.errorMessage.message).toEqual(expect.any(String));
    }
    // A retry is a new run of the same job for the same partition.
    const partitions = new Map<string, Set<string>>();
    for (const e of events) {
      const key = `${e.job.name}@${
        (e.run.facets.nominalTime as any).nominalStartTime
      }`;
      partitions.set(key, (partitions.get(key) ?? new Set()).add(e.run.runId));
    }
    expect([...partitions.values()].some(runs => runs.size > 1)).toBe(true);
  });

  it('lands some partitions hours late and runs some jobs far longer', () => {
    const lateness = events
      .filter(e => e.eventType === 'START')
      .map(
        e =>
          Date.parse(e.eventTime) -
          Date.parse((e.run.facets.nominalTime as any).nominalEndTime),
      );
    expect(
      lateness.filter(l => l > 3_600_000 + 20 * 60_000).length,
    ).toBeGreaterThan(0);
  });

  it('carries the facets the service derives endpoints, owners and quality from', () => {
    const complete = events.filter(e => e.eventType === 'COMPLETE');
    const output = complete[0].outputs[0];
    expect(Object.keys(output.facets!).sort()).toEqual(
      expect.arrayContaining([
        'dataSource',
        'documentation',
        'ownership',
        'schema',
      ]),
    );
    expect((output.facets!.ownership as any).owners[0].name).toMatch(
      /^group:default\/[a-z-]+$/,
    );
    expect(output.outputFacets!.outputStatistics.rowCount).toEqual(
      expect.any(Number),
    );
    const assertions = complete.flatMap(e =>
      e.inputs.flatMap(
        i => (i.inputFacets?.dataQualityAssertions as any)?.assertions ?? [],
      ),
    );
    expect(assertions.some((a: any) => a.success === false)).toBe(true);
    expect(assertions.some((a: any) => a.success === true)).toBe(true);
    expect(complete.some(e => e.job.facets.sql)).toBe(true);
    expect(
      complete.some(e => e.outputs.some(o => o.facets!.columnLineage)),
    ).toBe(true);
  });

  it('reports an endpoint with a new schema after it evolved', () => {
    const endpoint = platform.endpoints.find(
      e =>
        e.producer !== undefined &&
        e.evolution.some(c => c.kind === 'add') &&
        platform.workflows[e.producer].schedule === 'hourly',
    )!;
    const change = endpoint.evolution[0];
    const around = eventsBetween(
      platform,
      new Date(change.at - DAY),
      new Date(change.at + DAY),
    );
    const schemas = new Set(
      around.flatMap(e =>
        e.outputs
          .filter(o => o.name === endpoint.name && o.facets?.schema)
          .map(o => JSON.stringify(o.facets!.schema.fields)),
      ),
    );
    expect(schemas.size).toBe(2);
  });
});

describe('snapshotEvents', () => {
  it('runs every workflow once, finished before the given time', () => {
    const at = new Date('2026-03-20T12:00:00Z');
    const events = [...snapshotEvents(platform, at)];
    const jobs = new Set(events.map(e => `${e.job.namespace}/${e.job.name}`));
    expect(jobs.size).toBe(platform.workflows.length);
    for (const e of events) {
      expect(Date.parse(e.eventTime)).toBeLessThan(at.getTime());
    }
    const last = new Map<string, string>();
    for (const e of events) last.set(e.job.name, e.eventType);
    expect([...last.values()].every(t => t !== 'START')).toBe(true);
  });
});
