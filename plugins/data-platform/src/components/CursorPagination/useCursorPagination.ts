import { Page } from '@data-platform/plugin-data-platform-common';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** How many rows a page of any list asks for. */
export const PAGE_SIZE = 25;

/**
 * The query parameter a list that keeps its place in the URL uses: the
 * cursors of the pages walked so far, past the first, joined by dots (the
 * service's cursors are base64url, which has none).
 */
export const PAGES_PARAM = 'pages';

/** Where a walk through a cursor-paginated list is, and how to move on. */
export type CursorPaginationState<T> = {
  /** The page shown, once loaded. */
  page?: Page<T>;
  loading: boolean;
  error?: Error;
  retry: () => void;
  /** From 1. */
  pageNumber: number;
  /** The size of the pages asked for. */
  pageSize: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
};

type Walk = { key: string; cursors: (string | undefined)[] };

function useMemoryWalk(resetKey: string) {
  return useState<Walk>({ key: resetKey, cursors: [undefined] });
}

function useUrlWalk(resetKey: string): [Walk, (walk: Walk) => void] {
  const [params, setParams] = useSearchParams();
  const stack = params.get(PAGES_PARAM);
  const walk: Walk = {
    key: resetKey,
    cursors: [undefined, ...(stack ? stack.split('.').filter(Boolean) : [])],
  };
  const setWalk = (next: Walk) =>
    // Each page is a history entry, so Back returns to the previous one.
    setParams(previous => {
      const query = new URLSearchParams(previous);
      const rest = next.cursors.slice(1);
      if (rest.length > 0) query.set(PAGES_PARAM, rest.join('.'));
      else query.delete(PAGES_PARAM);
      return query;
    });
  return [walk, setWalk];
}

/**
 * Walks a cursor-paginated list. The service hands out only a cursor to the
 * next page, so the cursors of the pages already seen are kept as a stack to
 * step back: in memory, or with `inUrl` in the query string, so that a
 * reload, a shared link or the back button finds the same page. Whenever
 * `resetKey` changes (new filters), the walk starts over from the first
 * page; a list in the URL is reset by whoever changes its filters dropping
 * {@link PAGES_PARAM}.
 */
export function useCursorPagination<T>(
  load: (cursor: string | undefined) => Promise<Page<T>>,
  resetKey: string,
  options: { inUrl?: boolean } = {},
): CursorPaginationState<T> {
  const memory = useMemoryWalk(resetKey);
  const url = useUrlWalk(resetKey);
  const [walk, setWalk] = options.inUrl ? url : memory;
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
    pageSize: PAGE_SIZE,
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
