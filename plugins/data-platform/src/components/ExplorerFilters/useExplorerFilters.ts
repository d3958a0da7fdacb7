import { ListFilters } from '@data-platform/plugin-data-platform-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PAGES_PARAM } from '../CursorPagination';

/** The filters an explorer keeps in the URL, so a filtered view is linkable. */
export type ExplorerFilterValues = Required<
  Pick<ListFilters, 'q' | 'namespace' | 'owner' | 'tag'>
>;

export const EXPLORER_FILTER_KEYS: (keyof ExplorerFilterValues)[] = [
  'q',
  'namespace',
  'owner',
  'tag',
];

/** Reads and writes an explorer's filters in the query string. */
export function useExplorerFilters() {
  const [searchParams, setSearchParams] = useSearchParams();

  const filters = useMemo(() => {
    const values = {} as ExplorerFilterValues;
    for (const key of EXPLORER_FILTER_KEYS) {
      values[key] = searchParams.get(key)?.trim() ?? '';
    }
    return values;
  }, [searchParams]);

  const setFilter = useCallback(
    (key: keyof ExplorerFilterValues, value: string) => {
      setSearchParams(
        previous => {
          const next = new URLSearchParams(previous);
          // New filters, new list: it starts again from its first page.
          next.delete(PAGES_PARAM);
          if (value.trim()) {
            next.set(key, value.trim());
          } else {
            next.delete(key);
          }
          return next;
        },
        // Typing should not leave a history entry per keystroke.
        { replace: true },
      );
    },
    [setSearchParams],
  );

  const clearFilters = useCallback(() => {
    setSearchParams(
      previous => {
        const next = new URLSearchParams(previous);
        next.delete(PAGES_PARAM);
        for (const key of EXPLORER_FILTER_KEYS) {
          next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }, [setSearchParams]);

  const active = EXPLORER_FILTER_KEYS.some(key => filters[key] !== '');

  return { filters, setFilter, clearFilters, active };
}
