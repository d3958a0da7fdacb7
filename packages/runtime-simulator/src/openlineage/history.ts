import { Platform } from '../model/types';
import { attemptsInWindow, latestAttempts } from '../runs/simulateRuns';
import { RunEventBuilder } from './runEvents';
import { RunEvent } from './types';

/**
 * The events a runtime emitted in [from, to), in the order it emitted them
 * (event time, then run id and type so ties order the same every time).
 */
export function eventsBetween(
  platform: Platform,
  from: Date,
  to: Date,
  builder: RunEventBuilder = new RunEventBuilder(platform),
): RunEvent[] {
  const start = from.getTime();
  const end = to.getTime();
  const events: { at: number; event: RunEvent }[] = [];
  for (const attempt of attemptsInWindow(platform, start, end)) {
    for (const event of builder.events(attempt)) {
      const at = Date.parse(event.eventTime);
      if (at >= start && at < end) events.push({ at, event });
    }
  }
  events.sort(
    (a, b) =>
      a.at - b.at ||
      compare(a.event.run.runId, b.event.run.runId) ||
      compare(a.event.eventType, b.event.eventType),
  );
  return events.map(e => e.event);
}

/** [from, to) in windows of at most `stepMs`, oldest first. */
export function* windows(
  from: Date,
  to: Date,
  stepMs: number,
): Generator<[Date, Date]> {
  for (let t = from.getTime(); t < to.getTime(); t += stepMs) {
    yield [new Date(t), new Date(Math.min(t + stepMs, to.getTime()))];
  }
}

/**
 * One finished partition per workflow, all attempts included: every
 * workflow, endpoint and edge of the platform appears, in the fewest
 * events. Streamed, so a 40k-workflow platform never sits in memory as
 * events.
 */
export function* snapshotEvents(
  platform: Platform,
  at: Date,
  builder: RunEventBuilder = new RunEventBuilder(platform),
): Generator<RunEvent> {
  for (const attempts of latestAttempts(platform, at.getTime())) {
    for (const attempt of attempts) yield* builder.events(attempt);
  }
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
