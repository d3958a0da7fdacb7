export { CursorPagination } from './CursorPagination';
export { PAGE_SIZE, useCursorPagination } from './useCursorPagination';
export type { CursorPaginationState } from './useCursorPagination';
