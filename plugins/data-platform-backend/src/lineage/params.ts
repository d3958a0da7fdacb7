import { InputError } from '@backstage/errors';
import {
  LineageDirection,
  LineageNodeKind,
} from '@data-platform/plugin-data-platform-common';
import {
  decodeCursor,
  encodeCursor as encodeValues,
} from '../database/cursors';
import { RawQuery, text, timestamp } from '../http/queryParameters';

const DIRECTIONS: LineageDirection[] = ['upstream', 'downstream', 'both'];
const KINDS: LineageNodeKind[] = ['endpoint', 'workflow'];

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
