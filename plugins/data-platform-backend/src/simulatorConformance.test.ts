import {
  generatePlatform,
  eventsBetween,
  snapshotEvents,
} from '@data-platform/runtime-simulator';
import { OpenLineageValidator } from './openlineage/OpenLineageValidator';

// The runtime simulator stands in for real producers in the demo, the
// benchmarks and the browser tests; if its events drifted from the spec the
// service would reject them there, or worse, accept them only through the
// lenient fixes meant for real producers' mistakes. So every event must
// pass strictly: valid, with no lenient note.
describe('runtime simulator events', () => {
  const validator = new OpenLineageValidator();
  const historyStart = new Date('2026-05-01T00:00:00Z');
  const platform = generatePlatform({ seed: 3, historyStart, historyDays: 10 });

  /** The first few events that are invalid or needed a lenient fix. */
  function problemsOf(events: unknown[]) {
    const problems: string[] = [];
    events.forEach((event, index) => {
      const result = validator.validate(event);
      if (!result.ok) problems.push(`${index}: ${result.reason}`);
      else if (result.notes.length) {
        problems.push(`${index}: ${result.notes.join('; ')}`);
      }
    });
    return problems.slice(0, 5);
  }

  it('validates two days of history, every event type included', () => {
    const events = eventsBetween(
      platform,
      new Date('2026-05-04T00:00:00Z'),
      new Date('2026-05-06T00:00:00Z'),
    );
    expect(new Set(events.map(e => e.eventType))).toEqual(
      new Set(['START', 'COMPLETE', 'FAIL']),
    );
    expect(problemsOf(events)).toEqual([]);
  });

  it('validates the scale snapshot of a larger platform', () => {
    const big = generatePlatform({
      seed: 5,
      endpoints: 3000,
      workflows: 1200,
      teams: 30,
    });
    const events = [...snapshotEvents(big, new Date('2026-05-06T00:00:00Z'))];
    expect(events.length).toBeGreaterThan(1200);
    expect(problemsOf(events)).toEqual([]);
  });

  it('is rejected when it breaks the spec, so the check above can fail', () => {
    const [event] = eventsBetween(
      platform,
      new Date('2026-05-04T00:00:00Z'),
      new Date('2026-05-04T06:00:00Z'),
    );
    const broken = structuredClone(event) as any;
    broken.run.facets.nominalTime.nominalStartTime = 42;
    expect(validator.validate(broken)).toMatchObject({ ok: false });
  });
});
