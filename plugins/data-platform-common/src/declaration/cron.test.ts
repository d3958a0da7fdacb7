import { cronProblem } from './cron';
import { durationSeconds } from './duration';

describe('cronProblem', () => {
  it.each([
    '0 6 * * *',
    '*/15 * * * *',
    '0 0 1,15 * sun',
    '0 9-17/2 * * 1-5',
    '0 0 * * 7',
  ])('accepts %s', expression =>
    expect(cronProblem(expression)).toBeUndefined(),
  );
  it.each([
    ['0 6 * *', '5 fields'],
    ['0 24 * * *', 'hour field'],
    ['0 0 0 * *', 'day of month field'],
    ['0 0 * 13 *', 'month field'],
    ['0 0 * * 8', 'day of week field'],
    ['*/0 * * * *', 'step'],
    ['5-1 * * * *', 'backwards'],
    ['0 0 * * funday', 'day of week field'],
  ])('refuses %s', (expression, reason) =>
    expect(cronProblem(expression)).toContain(reason),
  );
});

describe('durationSeconds', () => {
  it.each([
    ['PT6H', 21600],
    ['P1DT30M', 88200],
    ['P2W', 1209600],
    ['PT0S', 0],
    ['P1Y', 365 * 86400],
  ])('%s is %d seconds', (text, seconds) =>
    expect(durationSeconds(text)).toBe(seconds),
  );
  it.each(['P', 'PT', '-PT1H', '6h', 'P1.5D', ''])('refuses %s', text =>
    expect(durationSeconds(text)).toBeUndefined(),
  );
});
