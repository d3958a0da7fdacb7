import {
  formatBytes,
  formatDate,
  formatDuration,
  formatJobType,
  formatNumber,
  formatOwner,
  formatPartitionKey,
  formatRelativeTime,
  formatTimestamp,
  MISSING,
  runTime,
} from './format';

describe('formatNumber', () => {
  it('groups digits in the user locale', () => {
    expect(formatNumber(1234567)).toBe((1234567).toLocaleString());
    expect(formatNumber(0)).toBe('0');
  });

  it('shows a dash for what is missing', () => {
    expect(formatNumber(undefined)).toBe(MISSING);
    expect(formatNumber(NaN)).toBe(MISSING);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [15.2 * 1024 ** 2, '15.2 MiB'],
    [152 * 1024 ** 3, '152 GiB'],
    [3 * 1024 ** 4, '3 TiB'],
  ])('%d bytes is %s', (value, text) => {
    expect(formatBytes(value)).toBe(text);
  });

  it('shows a dash for what is missing or negative', () => {
    expect(formatBytes(undefined)).toBe(MISSING);
    expect(formatBytes(-1)).toBe(MISSING);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [1_500, '1.5 s'],
    [12_400, '12 s'],
    [90_500, '1m 31s'],
    [2 * 3_600_000 + 3 * 60_000, '2h 3m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 4h'],
  ])('%d ms is %s', (value, text) => {
    expect(formatDuration(value)).toBe(text);
  });

  it('shows a dash for what is missing', () => {
    expect(formatDuration(undefined)).toBe(MISSING);
    expect(formatDuration(-5)).toBe(MISSING);
  });
});

describe('formatTimestamp', () => {
  it('formats in the user locale', () => {
    const iso = '2026-11-25T11:30:00.000Z';
    const text = formatTimestamp(iso);
    expect(text).not.toBe(MISSING);
    expect(text).toContain('2026');
  });

  it('shows a dash for missing or malformed timestamps', () => {
    expect(formatTimestamp(undefined)).toBe(MISSING);
    expect(formatTimestamp('not a date')).toBe(MISSING);
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-11-25T12:00:00.000Z');
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

  it('picks the largest unit that fits', () => {
    expect(formatRelativeTime('2026-11-25T11:55:00.000Z', now)).toBe(
      relative.format(-5, 'minute'),
    );
    expect(formatRelativeTime('2026-11-25T09:00:00.000Z', now)).toBe(
      relative.format(-3, 'hour'),
    );
    expect(formatRelativeTime('2026-11-24T12:00:00.000Z', now)).toBe(
      relative.format(-1, 'day'),
    );
    expect(formatRelativeTime('2026-11-25T14:00:00.000Z', now)).toBe(
      relative.format(2, 'hour'),
    );
  });

  it('calls anything within a minute now', () => {
    expect(formatRelativeTime('2026-11-25T11:59:30.000Z', now)).toBe(
      relative.format(0, 'second'),
    );
  });

  it('shows a dash for missing or malformed timestamps', () => {
    expect(formatRelativeTime(undefined, now)).toBe(MISSING);
    expect(formatRelativeTime('yesterday', now)).toBe(MISSING);
  });
});

describe('formatOwner', () => {
  it('shortens catalog entity refs', () => {
    expect(formatOwner('group:default/team-a')).toBe('team-a');
    expect(formatOwner('group:payments/team-b')).toBe('payments/team-b');
    expect(formatOwner('user:jane.doe')).toBe('jane.doe');
  });

  it('keeps anything else as sent', () => {
    expect(formatOwner('Data Engineering')).toBe('Data Engineering');
    expect(formatOwner('https://example.com/teams/a')).toBe(
      'https://example.com/teams/a',
    );
    expect(formatOwner(undefined)).toBe(MISSING);
  });
});

describe('formatJobType', () => {
  it('joins the parts that were sent', () => {
    expect(
      formatJobType({
        processingType: 'BATCH',
        jobType: 'QUERY',
        integration: 'DBT',
      }),
    ).toBe('BATCH · QUERY · DBT');
    expect(formatJobType({ integration: 'SPARK' })).toBe('SPARK');
  });

  it('is undefined when nothing was sent', () => {
    expect(formatJobType(undefined)).toBeUndefined();
    expect(formatJobType({})).toBeUndefined();
  });
});

describe('runTime', () => {
  it('prefers the end, then the start, then the schedule', () => {
    const updatedAt = '2026-11-25T12:00:00Z';
    expect(
      runTime({
        updatedAt,
        startedAt: 'b',
        endedAt: 'a',
        nominalStartTime: 'c',
      }),
    ).toBe('a');
    expect(runTime({ updatedAt, startedAt: 'b', nominalStartTime: 'c' })).toBe(
      'b',
    );
    expect(runTime({ updatedAt, nominalStartTime: 'c' })).toBe('c');
    expect(runTime({ updatedAt })).toBe(updatedAt);
  });
});

describe('formatDate', () => {
  it('leaves out the time of day', () => {
    const text = formatDate('2026-11-25T11:30:00.000Z');
    expect(text).toContain('2026');
    expect(text).not.toContain(':');
    expect(formatDate(undefined)).toBe(MISSING);
  });
});

describe('formatPartitionKey', () => {
  const utcDate = (iso: string) =>
    new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(new Date(iso));
  const timestamp = (iso: string) =>
    new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));

  it('shows a window of whole UTC days as its dates, in UTC', () => {
    expect(
      formatPartitionKey('2026-12-02T00:00:00.000Z/2026-12-03T00:00:00.000Z'),
    ).toBe(
      `${utcDate('2026-12-02T00:00:00Z')} – ${utcDate('2026-12-03T00:00:00Z')}`,
    );
    // Whatever the locale, the dates are the key's, not shifted a day.
    expect(
      formatPartitionKey('2026-12-02T00:00:00.000Z/2026-12-03T00:00:00.000Z'),
    ).toMatch(/2.*2026.*3.*2026/);
  });

  it('shows a window with times of day with its times', () => {
    const start = '2026-12-02T10:00:00.000Z';
    const end = '2026-12-05T11:30:00.000Z';
    expect(formatPartitionKey(`${start}/${end}`)).toBe(
      `${timestamp(start)} – ${timestamp(end)}`,
    );
  });

  it('shows only the end time of a window within one day', () => {
    const start = new Date(2026, 11, 2, 10, 0).toISOString();
    const end = new Date(2026, 11, 2, 11, 0).toISOString();
    const text = formatPartitionKey(`${start}/${end}`);
    expect(text.startsWith(`${timestamp(start)} – `)).toBe(true);
    expect(text).not.toContain(timestamp(end));
    expect(text.length).toBeLessThan(timestamp(start).length * 2);
  });

  it.each([
    'dt=2026-12-02',
    'region=eu/dt=2026-12-02',
    '2026-12-02',
    'not-a-dateTx/also-not',
    '2026-12-03T00:00:00Z/2026-12-02T00:00:00Z',
  ])('shows any other key as sent: %s', key => {
    expect(formatPartitionKey(key)).toBe(key);
  });
});
