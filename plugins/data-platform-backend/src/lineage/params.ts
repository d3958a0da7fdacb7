import { InputError } from '@backstage/errors';
import {
  LineageDirection,
  LineageNodeKind,
} from '@data-platform/plugin-data-platform-common';
import { decodeCursor, encodeCursor as encodeValues } from '../store/cursors';

/** Query parameters as they come off the wire, before validation. */
export type RawQuery = Record<string, unknown>;

const DIRECTIONS: LineageDirection[] = ['upstream', 'downstream', 'both'];
const KINDS: LineageNodeKind[] = ['endpoint', 'workflow'];

export function text(query: RawQuery, key: string): string | undefined {
  const value = query[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new InputError(`${key} must be given once, as text`);
  }
  return String(value);
}

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

export function direction(query: RawQuery): LineageDirection {
  const value = text(query, 'direction') ?? 'both';
  if (!DIRECTIONS.includes(value as LineageDirection)) {
    throw new InputError(
      `direction must be upstream, downstream or both, not ${value}`,
    );
  }
  return value as LineageDirection;
}

export function kind(query: RawQuery): LineageNodeKind | undefined {
  const value = text(query, 'kind');
  if (value === undefined) return undefined;
  if (!KINDS.includes(value as LineageNodeKind)) {
    throw new InputError(`kind must be endpoint or workflow, not ${value}`);
  }
  return value as LineageNodeKind;
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

export function asOf(query: RawQuery): Date | undefined {
  return timestamp(query, 'asOf');
}

/**
 * A page cursor's content: the last neighbour of the page before. Pages
 * follow the neighbours' ids, the order of the current-edge indexes.
 */
export type Cursor = { id: string };

/** An opaque page cursor: the neighbour's id, as the store's cursors go. */
export function encodeCursor(c: Cursor): string {
  return encodeValues([c.id]);
}

export function cursor(query: RawQuery, key = 'after'): Cursor | undefined {
  const [id] = decodeCursor(text(query, key), ['string'], key) ?? [];
  return id === undefined ? undefined : { id: id as string };
}

/** Plain code-point order, the same on every machine and database. */
export function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
