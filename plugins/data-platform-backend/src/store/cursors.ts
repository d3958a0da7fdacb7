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
