import { Knex } from 'knex';
import { toDate } from './conversions';
import { InputError } from '@backstage/errors';

/**
 * Keyset pagination cursors: the sort key of the last item of a page,
 * opaque to clients. A cursor from another list or a tampered one is a
 * client error, not a server failure.
 */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  shape: ('string' | 'number')[],
): (string | number)[] | undefined {
  if (!cursor) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('Invalid cursor');
  }
  if (
    !Array.isArray(values) ||
    values.length !== shape.length ||
    values.some((v, i) => typeof v !== shape[i])
  ) {
    throw new InputError('Invalid cursor');
  }
  return values;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

/** `%term%` for LIKE, with the pattern characters in the term escaped. */
export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

/** One column of a keyset ordering. */
export type KeysetColumn = {
  column: string;
  order: 'asc' | 'desc';
  /** How the value travels in the cursor; timestamps go as epoch ms. */
  type: 'string' | 'number' | 'timestamp';
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
    columns.map(c => (c.type === 'string' ? 'string' : 'number')),
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
