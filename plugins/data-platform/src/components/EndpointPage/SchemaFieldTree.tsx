import { SchemaField } from '@data-platform/plugin-data-platform-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useMemo, useState } from 'react';
import { CompactColumn, CompactTable } from '../CompactTable';
import { MISSING } from '../format';

type Row = {
  field: SchemaField;
  /** The dotted path, as schema diffs name fields. */
  path: string;
  depth: number;
  hasChildren: boolean;
};

function collectParents(fields: SchemaField[], prefix = ''): string[] {
  return fields.flatMap(field => {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    return field.fields?.length
      ? [path, ...collectParents(field.fields, path)]
      : [];
  });
}

function visibleRows(
  fields: SchemaField[],
  expanded: Set<string>,
  prefix = '',
  depth = 0,
): Row[] {
  return fields.flatMap(field => {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    const hasChildren = Boolean(field.fields?.length);
    const row: Row = { field, path, depth, hasChildren };
    return hasChildren && expanded.has(path)
      ? [row, ...visibleRows(field.fields!, expanded, path, depth + 1)]
      : [row];
  });
}

/**
 * An endpoint's fields as an indented tree: structs fold open one level at a
 * time with the button beside their name, or all at once.
 */
export function SchemaFieldTree(props: { fields: SchemaField[] }) {
  const { fields } = props;
  const parents = useMemo(() => collectParents(fields), [fields]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const rows = visibleRows(fields, expanded);

  const toggle = (path: string) =>
    setExpanded(previous => {
      const next = new Set(previous);
      if (next.has(path)) {
        next.delete(path);
      } else {
        next.add(path);
      }
      return next;
    });

  const columns: CompactColumn<Row>[] = [
    {
      title: 'Field',
      cell: row => ({ sx: { pl: 1 + row.depth * 3 } }),
      render: row => {
        const open = expanded.has(row.path);
        return (
          <Stack direction="row" alignItems="center" spacing={0.5}>
            {row.hasChildren ? (
              <IconButton
                size="small"
                onClick={() => toggle(row.path)}
                aria-expanded={open}
                aria-label={`${open ? 'Collapse' : 'Expand'} ${row.path}`}
              >
                {open ? (
                  <ExpandMoreIcon fontSize="small" />
                ) : (
                  <ChevronRightIcon fontSize="small" />
                )}
              </IconButton>
            ) : (
              // Keeps leaf names aligned with their siblings' names.
              <Box sx={{ width: 30, flexShrink: 0 }} />
            )}
            <Typography
              variant="body2"
              sx={{ fontFamily: 'monospace' }}
              title={row.path}
            >
              {row.field.name}
            </Typography>
          </Stack>
        );
      },
    },
    {
      title: 'Type',
      render: row => (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ fontFamily: 'monospace' }}
        >
          {row.field.type ?? MISSING}
        </Typography>
      ),
    },
    {
      title: 'Description',
      render: row => (
        <Typography variant="body2">{row.field.description ?? ''}</Typography>
      ),
    },
  ];

  return (
    <>
      {parents.length > 0 && (
        <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
          <Button
            size="small"
            onClick={() => setExpanded(new Set(parents))}
            disabled={expanded.size === parents.length}
          >
            Expand all
          </Button>
          <Button
            size="small"
            onClick={() => setExpanded(new Set())}
            disabled={expanded.size === 0}
          >
            Collapse all
          </Button>
        </Stack>
      )}
      <CompactTable
        aria-label="Schema fields"
        columns={columns}
        rows={rows}
        rowKey={row => row.path}
        hover
      />
    </>
  );
}
