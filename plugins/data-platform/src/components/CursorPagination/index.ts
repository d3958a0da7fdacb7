export { CursorPagination } from './CursorPagination';
export {
  PAGE_SIZE,
  PAGES_PARAM,
  useCursorPagination,
} from './useCursorPagination';
export { rangeText } from './CursorPagination';
export type { CursorPaginationState } from './useCursorPagination';
