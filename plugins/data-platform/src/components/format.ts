/**
 * Display helpers shared by the data platform pages. They take what the
 * metadata service returns (ISO 8601 strings, raw counts) and never throw:
 * a value the service did not send, or sent malformed, shows as a dash.
 */

/** What a missing or unreadable value shows as. */
export const MISSING = '—';

const numberFormat = new Intl.NumberFormat();

/** `12345` → `12,345` in the user's locale. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) {
    return MISSING;
  }
  return numberFormat.format(value);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/**
 * `1536` → `1.5 KiB`. Binary units, because storage layers (HDFS, object
 * stores, warehouses) report file sizes in them.
 */
export function formatBytes(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value) || value < 0) {
    return MISSING;
  }
  let unit = 0;
  let scaled = value;
  while (scaled >= 1024 && unit < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  if (unit === 0) {
    return `${scaled} B`;
  }
  // Three significant figures: "1.5 KiB", "15.2 MiB", "152 GiB".
  const digits = scaled >= 100 ? 0 : 1;
  const text = scaled.toFixed(digits).replace(/\.0$/, '');
  return `${text} ${BYTE_UNITS[unit]}`;
}

/**
 * `90_500` → `1m 31s`. Runs last from milliseconds (a dbt test) to days (a
 * backfill), so the two largest units are shown and the rest dropped.
 */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return MISSING;
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60_000) {
    const seconds = ms / 1000;
    return `${
      seconds < 10
        ? seconds.toFixed(1).replace(/\.0$/, '')
        : Math.round(seconds)
    } s`;
  }
  const totalSeconds = Math.round(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) {
    return `${days}d ${hours}h`;
  }
  if (hours > 0) {
    return `${hours}h ${minutes}m`;
  }
  return `${minutes}m ${seconds}s`;
}

function parse(iso: string | undefined): Date | undefined {
  if (!iso) {
    return undefined;
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const timestampFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** An absolute timestamp in the user's locale and time zone. */
export function formatTimestamp(iso: string | undefined): string {
  const date = parse(iso);
  return date ? timestampFormat.format(date) : MISSING;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A calendar date in the user's locale, for where the time of day is noise. */
export function formatDate(iso: string | undefined): string {
  const date = parse(iso);
  return date ? dateFormat.format(date) : MISSING;
}

const shortTimestampFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A compact timestamp for chart axes: month, day and time of day. */
export function formatShortTimestamp(iso: string | undefined): string {
  const date = parse(iso);
  return date ? shortTimestampFormat.format(date) : MISSING;
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, {
  numeric: 'auto',
});

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * `5 minutes ago`, `yesterday`, `in 2 hours`. `now` is a parameter so
 * callers (and tests) decide what the present is.
 */
export function formatRelativeTime(
  iso: string | undefined,
  now: number = Date.now(),
): string {
  const date = parse(iso);
  if (!date) {
    return MISSING;
  }
  const diff = date.getTime() - now;
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= size) {
      return relativeFormat.format(Math.trunc(diff / size), unit);
    }
  }
  // Clock skew between the service and the browser makes "in 3 seconds"
  // appear for things that just happened; it reads as "now" either way.
  return relativeFormat.format(0, 'second');
}

/**
 * The readable part of an owner. Owners are usually catalog entity refs
 * (`group:default/team-a` shows as `team-a`), but the ownership facet may
 * carry any string, which is shown as sent.
 */
export function formatOwner(owner: string | undefined): string {
  if (!owner) {
    return MISSING;
  }
  const match = /^([a-zA-Z][\w-]*):(?:([\w.-]+)\/)?([^/:]+)$/.exec(owner);
  if (!match) {
    return owner;
  }
  const [, , namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}

/**
 * `BATCH · QUERY · DBT`: the job type facet's parts that were sent, or
 * nothing when none were.
 */
export function formatJobType(
  jobType:
    | { processingType?: string; integration?: string; jobType?: string }
    | undefined,
): string | undefined {
  const parts = [
    jobType?.processingType,
    jobType?.jobType,
    jobType?.integration,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * The moment that best places a run in time: when it ended, else when it
 * started, else what it was scheduled for, else when it was last heard of.
 */
export function runTime(run: {
  endedAt?: string;
  startedAt?: string;
  nominalStartTime?: string;
  updatedAt: string;
}): string {
  return run.endedAt ?? run.startedAt ?? run.nominalStartTime ?? run.updatedAt;
}

const utcDateFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeZone: 'UTC',
});

const timeOfDayFormat = new Intl.DateTimeFormat(undefined, {
  timeStyle: 'short',
});

function isUtcMidnight(date: Date) {
  return (
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0
  );
}

function sameLocalDay(a: Date, b: Date) {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/**
 * A partition key made readable. Time-windowed partitions are keyed by
 * their ISO 8601 interval (`2026-12-02T00:00:00.000Z/2026-12-03T00:00:00.000Z`),
 * which is exact but reads as noise: whole UTC days show as dates
 * (`Dec 2, 2026 – Dec 3, 2026`; they are cut in UTC, so shown in UTC, not
 * shifted a day in the user's zone), other windows with their times in the
 * user's zone. Any other key (`dt=2026-12-02`, `region=eu`) is shown as sent.
 */
export function formatPartitionKey(key: string): string {
  const parts = key.split('/');
  if (parts.length !== 2 || !parts[0].includes('T')) {
    return key;
  }
  const start = parse(parts[0]);
  const end = parse(parts[1]);
  if (!start || !end || end < start) {
    return key;
  }
  if (isUtcMidnight(start) && isUtcMidnight(end)) {
    return `${utcDateFormat.format(start)} – ${utcDateFormat.format(end)}`;
  }
  const to = sameLocalDay(start, end)
    ? timeOfDayFormat.format(end)
    : timestampFormat.format(end);
  return `${timestampFormat.format(start)} – ${to}`;
}
