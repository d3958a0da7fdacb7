const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The steps a duration axis counts in: round numbers of the unit at hand,
 * so ticks read `0, 15m, 30m, 45m, 1h` and never `58m 20s`.
 */
const STEPS = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

/**
 * Round ticks from zero up to at least `maxMs`, at most `maxTicks` steps
 * apart from zero: the smallest round step that covers the data in that
 * many. Beyond the largest step, whole weeks.
 */
export function durationTicks(maxMs: number, maxTicks = 5): number[] {
  if (!Number.isFinite(maxMs) || maxMs <= 0) return [0];
  const step =
    STEPS.find(candidate => Math.ceil(maxMs / candidate) <= maxTicks) ??
    Math.ceil(maxMs / maxTicks / (7 * DAY)) * 7 * DAY;
  const count = Math.ceil(maxMs / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

/**
 * A round duration as a tick label: `500 ms`, `15 s`, `2 min`, `1 h 30 min`,
 * `2 d`. Only the units that are not zero, so `1 h` and not `1h 0m`.
 */
export function formatDurationTick(ms: number): string {
  if (ms === 0) return '0';
  if (ms < SECOND) return `${ms} ms`;
  const units: [number, string][] = [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'min'],
    [SECOND, 's'],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms / SECOND) * SECOND;
  for (const [size, label] of units) {
    const amount = Math.floor(rest / size);
    if (amount > 0) parts.push(`${amount} ${label}`);
    rest -= amount * size;
  }
  return parts.join(' ');
}
