import {
  LineageDirection,
  LineageNode,
} from '@data-platform/plugin-data-platform-common';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { ReactNode } from 'react';
import { formatOwner } from '../format';
import { LineageOptions, MAX_DEPTH } from './lineageOptions';

/** `2026-11-25T10:00:00.000Z` → the local `2026-11-25T11:00` of an input. */
export function toLocalInput(iso?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function SmallSelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  minWidth?: number;
}) {
  const id = `lineage-${props.label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <FormControl size="small" sx={{ minWidth: props.minWidth ?? 140 }}>
      <InputLabel id={`${id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={props.label}
        value={props.value}
        onChange={e => props.onChange(String(e.target.value))}
      >
        {props.children}
      </Select>
    </FormControl>
  );
}

function NodePicker(props: {
  label: string;
  nodes: LineageNode[];
  value?: string;
  onChange: (id?: string) => void;
}) {
  const value = props.nodes.find(n => n.id === props.value) ?? null;
  return (
    <Autocomplete<LineageNode>
      size="small"
      sx={{ minWidth: 220 }}
      options={props.nodes}
      value={value}
      getOptionLabel={n => n.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      renderOption={(optionProps, n) => (
        <li {...optionProps} key={n.id}>
          {n.name}
        </li>
      )}
      onChange={(_, n) => props.onChange(n?.id)}
      renderInput={params => <TextField {...params} label={props.label} />}
    />
  );
}

/** The explorer's controls: what to load, what to show, what to trace. */
export function LineageControls(props: {
  options: LineageOptions;
  onChange: (change: Partial<LineageOptions>) => void;
  /** Column mode exists for endpoints only. */
  columnsAvailable: boolean;
  owners: string[];
  namespaces: string[];
  nodes: LineageNode[];
  search?: ReactNode;
}) {
  const { options, onChange } = props;
  return (
    <Stack spacing={2}>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        flexWrap="wrap"
        alignItems="center"
      >
        {props.search}
        <ToggleButtonGroup
          size="small"
          exclusive
          value={options.direction}
          aria-label="Direction"
          onChange={(_, value: LineageDirection | null) =>
            value && onChange({ direction: value })
          }
        >
          <ToggleButton value="upstream">Upstream</ToggleButton>
          <ToggleButton value="both">Both</ToggleButton>
          <ToggleButton value="downstream">Downstream</ToggleButton>
        </ToggleButtonGroup>
        <SmallSelect
          label="Depth"
          value={String(options.depth)}
          onChange={v => onChange({ depth: Number(v) })}
          minWidth={90}
        >
          {Array.from({ length: MAX_DEPTH }, (_, i) => i + 1).map(d => (
            <MenuItem key={d} value={String(d)}>
              {d}
            </MenuItem>
          ))}
        </SmallSelect>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={options.mode}
          aria-label="Level"
          onChange={(_, value: LineageOptions['mode'] | null) =>
            value && onChange({ mode: value })
          }
        >
          <ToggleButton value="graph">Endpoints &amp; workflows</ToggleButton>
          <ToggleButton value="columns" disabled={!props.columnsAvailable}>
            Columns
          </ToggleButton>
        </ToggleButtonGroup>
        <TextField
          size="small"
          type="datetime-local"
          label="As of"
          InputLabelProps={{ shrink: true }}
          value={toLocalInput(options.asOf)}
          onChange={e => onChange({ asOf: fromLocalInput(e.target.value) })}
        />
        {options.asOf && (
          <Button size="small" onClick={() => onChange({ asOf: undefined })}>
            Back to now
          </Button>
        )}
        <Button
          variant={options.impact ? 'contained' : 'outlined'}
          size="small"
          aria-pressed={options.impact}
          onClick={() => onChange({ impact: !options.impact })}
        >
          Impact
        </Button>
      </Stack>
      {options.mode === 'graph' && (
        <Stack
          direction="row"
          spacing={2}
          useFlexGap
          flexWrap="wrap"
          alignItems="center"
        >
          <SmallSelect
            label="Kind"
            value={options.kind ?? ''}
            onChange={v =>
              onChange({ kind: (v || undefined) as LineageOptions['kind'] })
            }
          >
            <MenuItem value="">All kinds</MenuItem>
            <MenuItem value="endpoint">Endpoints</MenuItem>
            <MenuItem value="workflow">Workflows</MenuItem>
          </SmallSelect>
          <SmallSelect
            label="Owner"
            value={options.owner ?? ''}
            onChange={v => onChange({ owner: v || undefined })}
            minWidth={160}
          >
            <MenuItem value="">All owners</MenuItem>
            {props.owners.map(o => (
              <MenuItem key={o} value={o} title={o}>
                {formatOwner(o)}
              </MenuItem>
            ))}
          </SmallSelect>
          <SmallSelect
            label="Namespace"
            value={options.namespace ?? ''}
            onChange={v => onChange({ namespace: v || undefined })}
            minWidth={180}
          >
            <MenuItem value="">All namespaces</MenuItem>
            {props.namespaces.map(ns => (
              <MenuItem key={ns} value={ns}>
                {ns}
              </MenuItem>
            ))}
          </SmallSelect>
          <NodePicker
            label="Path from"
            nodes={props.nodes}
            value={options.pathFrom}
            onChange={id => onChange({ pathFrom: id })}
          />
          <NodePicker
            label="Path to"
            nodes={props.nodes}
            value={options.pathTo}
            onChange={id => onChange({ pathTo: id })}
          />
        </Stack>
      )}
    </Stack>
  );
}
