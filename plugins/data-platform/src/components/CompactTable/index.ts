export { CompactTable } from './CompactTable';
export type { CompactColumn } from './CompactTable';
