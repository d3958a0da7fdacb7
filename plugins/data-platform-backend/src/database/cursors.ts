import { Knex } from 'knex';
import { toDate } from './conversions';
import { InputError } from '@backstage/errors';
import { unstorableText } from './storableText';

/**
 * Keyset pagination cursors: the sort key of the last item of a page,
 * opaque to clients. A cursor from another list or a tampered one is a
 * client error, not a server failure.
 */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** How a value travels in a cursor; timestamps go as epoch ms. */
export type CursorValueType = 'string' | 'number' | 'timestamp';

// The instants both a JavaScript Date and PostgreSQL's timestamptz can hold
// (PostgreSQL starts at 4713 BC, Date ends in 275760 AD); a cursor outside
// them was not made from a stored row and would make the query fail.
const EARLIEST_TIMESTAMP_MS = Date.UTC(-4712, 0, 1);
const LATEST_TIMESTAMP_MS = 8.64e15;

/** Why a decoded cursor value cannot be a sort key of its type. */
function invalidValue(value: unknown, type: CursorValueType) {
  if (type === 'string') {
    if (typeof value !== 'string') return 'a value is not text';
    return unstorableText(value) && `a value ${unstorableText(value)}`;
  }
  // Ids are bigint columns: a fraction, an exponent beyond 2^53 or a
  // negative id matches no row and may not even bind.
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return 'a value is not a whole number';
  }
  if (type === 'number') return value < 0 ? 'a value is negative' : undefined;
  return value < EARLIEST_TIMESTAMP_MS || value > LATEST_TIMESTAMP_MS
    ? 'a value is a time no store holds'
    : undefined;
}

function invalidCursor(values: unknown, shape: CursorValueType[]) {
  if (!Array.isArray(values)) return 'not a cursor this service gave out';
  if (values.length !== shape.length) {
    return `${values.length} values where this list's cursors have ${shape.length}`;
  }
  return values.map((v, i) => invalidValue(v, shape[i])).find(Boolean);
}

/**
 * The values of a cursor, checked against the types of the keyset columns
 * it continues; `name` is the query parameter, for the message.
 */
export function decodeCursor(
  cursor: string | undefined,
  shape: CursorValueType[],
  name = 'cursor',
): (string | number)[] | undefined {
  if (!cursor) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const reason = invalidCursor(values, shape);
  if (reason) {
    throw new InputError(
      `${name} must be the cursor of a previous page: ${reason}`,
    );
  }
  return values as (string | number)[];
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

/** `%term%` for LIKE, with the pattern characters in the term escaped. */
export function likePattern(term: string): string {
  return `%${likeEscaped(term.toLowerCase())}%`;
}

/** The term with LIKE's pattern characters escaped, for `escape '\\'`. */
export function likeEscaped(term: string): string {
  return term.replace(/[\\%_]/g, c => `\\${c}`);
}

/** One column of a keyset ordering. */
export type KeysetColumn = {
  column: string;
  order: 'asc' | 'desc';
  type: CursorValueType;
  /** The row field holding the value, when it differs from the column. */
  field?: string;
};

/**
 * Runs `query` as one page of a keyset-paginated list: ordered by the
 * columns, starting after the cursor's row, with a cursor to the next page
 * when there is one. Keyset pagination stays fast on deep pages and stable
 * while rows are added, which offsets would not.
 */
export async function keysetPage<T>(
  query: Knex.QueryBuilder,
  columns: KeysetColumn[],
  options: { cursor?: string; limit?: number },
  map: (row: Record<string, any>) => T,
): Promise<{ items: T[]; nextCursor?: string }> {
  const limit = pageLimit(options.limit);
  const after = decodeCursor(
    options.cursor,
    columns.map(c => c.type),
  );
  if (after) {
    const values = after.map((v, i) =>
      columns[i].type === 'timestamp' ? new Date(v as number) : v,
    );
    const beyond = (q: Knex.QueryBuilder, i: number): void => {
      const { column, order } = columns[i];
      q.where(column, order === 'asc' ? '>' : '<', values[i]);
      if (i + 1 < columns.length) {
        q.orWhere(q2 =>
          q2.where(column, values[i]).andWhere(q3 => beyond(q3, i + 1)),
        );
      }
    };
    query.where(q => beyond(q, 0));
  }
  const rows = await query
    .orderBy(columns.map(({ column, order }) => ({ column, order })))
    .limit(limit + 1);
  const last = rows[limit - 1];
  return {
    items: rows.slice(0, limit).map(map),
    ...(rows.length > limit && {
      nextCursor: encodeCursor(
        columns.map(c => {
          const value = last[c.field ?? c.column.replace(/^\w+\./, '')];
          if (c.type === 'timestamp') return toDate(value)!.getTime();
          return c.type === 'number' ? Number(value) : value;
        }),
      ),
    }),
  };
}
