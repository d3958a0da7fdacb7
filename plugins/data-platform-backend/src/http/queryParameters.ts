import { InputError } from '@backstage/errors';

/** Query parameters as they come off the wire, before validation. */
export type RawQuery = Record<string, unknown>;

/** A parameter given once, as text; undefined when absent or empty. */
export function text(query: RawQuery, key: string): string | undefined {
  const value = query[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new InputError(`${key} must be given once, as text`);
  }
  return String(value);
}

/** A whole-number parameter within `range`. */
export function integer(
  query: RawQuery,
  key: string,
  range: { min: number; max: number },
): number | undefined {
  const raw = text(query, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < range.min || value > range.max) {
    throw new InputError(
      `${key} must be an integer from ${range.min} to ${range.max}, not ${raw}`,
    );
  }
  return value;
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 timestamp parameter. Date would roll a day the month does
 * not have (February 30th) over into the next month; that is a mistake
 * the client should hear about, not a different time.
 */
export function timestamp(query: RawQuery, key: string): Date | undefined {
  const raw = text(query, key);
  if (raw === undefined) return undefined;
  const time = new Date(raw);
  const [, year, month, day] = ISO_8601.exec(raw) ?? [];
  // setUTCFullYear, unlike Date.UTC, takes years below 100 as they are.
  const calendarDay = new Date(0);
  calendarDay.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  if (
    !year ||
    Number.isNaN(time.getTime()) ||
    calendarDay.getUTCDate() !== Number(day)
  ) {
    throw new InputError(`${key} must be an ISO 8601 timestamp, not ${raw}`);
  }
  return time;
}

/**
 * A comma-separated list parameter (`include=schema,io`) whose values must
 * be among `allowed`; empty when absent.
 */
export function valuesOf(
  query: RawQuery,
  key: string,
  allowed: readonly string[],
): string[] {
  const raw = text(query, key);
  if (raw === undefined) return [];
  const values = raw.split(',').map(v => v.trim());
  const unknown = values.filter(v => !allowed.includes(v));
  if (unknown.length > 0) {
    throw new InputError(
      `${key} takes ${allowed.join(', ')}, not ${unknown.join(', ')}`,
    );
  }
  return values;
}
