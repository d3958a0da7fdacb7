export { ExplorerFilters } from './ExplorerFilters';
export { DebouncedTextField, FILTER_DEBOUNCE_MS } from './DebouncedTextField';
export { useExplorerFilters } from './useExplorerFilters';
export type { ExplorerFilterValues } from './useExplorerFilters';
export { ExplorerList } from './ExplorerList';
