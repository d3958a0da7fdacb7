import { SxProps, Theme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell, { TableCellProps } from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { ReactNode } from 'react';

export type CompactColumn<T> = {
  title: string;
  align?: 'right';
  render: (row: T) => ReactNode;
  /** Props of the row's cell that depend on the row: a title, a style. */
  cell?: (row: T) => Pick<TableCellProps, 'sx' | 'title'>;
};

/**
 * A small, dense table of every row it is given, for lists that fit on a
 * card (a run's partitions, schema versions and fields); long lists that
 * page through the service use `PagedTable` instead.
 */
export function CompactTable<T>(props: {
  /** Names the table for screen readers and tests: "Schema versions". */
  'aria-label': string;
  columns: CompactColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** Shade the row under the pointer. */
  hover?: boolean;
  sx?: SxProps<Theme>;
}) {
  const { columns, rows, rowKey, hover } = props;
  return (
    <TableContainer>
      <Table size="small" aria-label={props['aria-label']} sx={props.sx}>
        <TableHead>
          <TableRow>
            {columns.map(column => (
              <TableCell key={column.title} align={column.align}>
                {column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={rowKey(row)} hover={hover}>
              {columns.map(column => (
                <TableCell
                  key={column.title}
                  align={column.align}
                  {...column.cell?.(row)}
                >
                  {column.render(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
