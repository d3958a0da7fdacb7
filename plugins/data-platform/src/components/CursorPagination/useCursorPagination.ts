import { Page } from '@data-platform/plugin-data-platform-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** How many rows a page of any list asks for. */
export const PAGE_SIZE = 25;

/** Where a walk through a cursor-paginated list is, and how to move on. */
export type CursorPaginationState<T> = {
  /** The page shown, once loaded. */
  page?: Page<T>;
  loading: boolean;
  error?: Error;
  retry: () => void;
  /** From 1. */
  pageNumber: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
};

/**
 * Walks a cursor-paginated list. The service hands out only a cursor to the
 * next page, so the cursors of the pages already seen are kept as a stack to
 * step back. Whenever `resetKey` changes (new filters), the walk starts over
 * from the first page.
 */
export function useCursorPagination<T>(
  load: (cursor: string | undefined) => Promise<Page<T>>,
  resetKey: string,
): CursorPaginationState<T> {
  const [walk, setWalk] = useState<{
    key: string;
    cursors: (string | undefined)[];
  }>({ key: resetKey, cursors: [undefined] });
  // Derived rather than reset in an effect, so a filter change never fetches
  // the old cursor against the new filters.
  const cursors = walk.key === resetKey ? walk.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  const { value, loading, error, retry } = useAsyncRetry(
    () => load(cursor),
    // `load` closes over the filters that `resetKey` stands for.
    [resetKey, cursor],
  );

  return {
    page: value,
    loading,
    error,
    retry,
    pageNumber: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: Boolean(value?.nextCursor),
    next: () => {
      if (value?.nextCursor) {
        setWalk({ key: resetKey, cursors: [...cursors, value.nextCursor] });
      }
    },
    previous: () => {
      if (cursors.length > 1) {
        setWalk({ key: resetKey, cursors: cursors.slice(0, -1) });
      }
    },
  };
}
