export { CursorPagination } from './CursorPagination';
export { PAGE_SIZE, useCursorPagination } from './useCursorPagination';
