import { durationTicks, formatDurationTick } from './durationTicks';

const s = 1000;
const min = 60 * s;
const h = 60 * min;

describe('durationTicks', () => {
  it.each([
    // The chart that showed `58m 20s` and `1h 56m`: runs up to ~2h 50m.
    [2 * h + 50 * min, [0, h, 2 * h, 3 * h]],
    [55 * min, [0, 15 * min, 30 * min, 45 * min, h]],
    [9 * min, [0, 2 * min, 4 * min, 6 * min, 8 * min, 10 * min]],
    [42 * s, [0, 10 * s, 20 * s, 30 * s, 40 * s, 50 * s]],
    [3.2 * s, [0, s, 2 * s, 3 * s, 4 * s]],
    [750, [0, 200, 400, 600, 800]],
    [20 * h, [0, 6 * h, 12 * h, 18 * h, 24 * h]],
  ])('covers %d ms with round steps', (max, ticks) => {
    expect(durationTicks(max)).toEqual(ticks);
  });

  it('always reaches the data maximum, in at most the asked steps', () => {
    for (const max of [1, 999, 61 * s, 59 * min, 3 * h + 1, 40 * 24 * h]) {
      const ticks = durationTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length - 1).toBeLessThanOrEqual(5);
    }
    expect(durationTicks(9 * min, 3)).toEqual([0, 5 * min, 10 * min]);
  });

  it('has only zero without data', () => {
    expect(durationTicks(0)).toEqual([0]);
    expect(durationTicks(NaN)).toEqual([0]);
  });
});

describe('formatDurationTick', () => {
  it.each([
    [0, '0'],
    [500, '500 ms'],
    [15 * s, '15 s'],
    [2 * min, '2 min'],
    [h, '1 h'],
    [h + 30 * min, '1 h 30 min'],
    [48 * h, '2 d'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDurationTick(ms)).toBe(text);
  });
});
