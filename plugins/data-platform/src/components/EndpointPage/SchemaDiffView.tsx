import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  SchemaChange,
  SchemaVersion,
} from '@data-platform/plugin-data-platform-common';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../api';
import { CompactColumn, CompactTable } from '../CompactTable';
import { formatTimestamp, MISSING } from '../format';
import { RetryableError } from '../RetryableError';

const CHANGE_LABELS: Record<SchemaChange['change'], string> = {
  added: 'Added',
  removed: 'Removed',
  'type-changed': 'Type changed',
};

const CHANGE_COLORS: Record<
  SchemaChange['change'],
  'success' | 'error' | 'warning'
> = {
  added: 'success',
  removed: 'error',
  'type-changed': 'warning',
};

function TypeChange(props: { change: SchemaChange }) {
  const { change, fromType, toType } = props.change;
  const mono = { fontFamily: 'monospace', whiteSpace: 'nowrap' };
  if (change === 'type-changed') {
    return (
      <Stack direction="row" spacing={0.5} alignItems="center">
        <Typography variant="body2" sx={mono}>
          {fromType ?? MISSING}
        </Typography>
        <ArrowForwardIcon fontSize="inherit" aria-label="to" />
        <Typography variant="body2" sx={mono}>
          {toType ?? MISSING}
        </Typography>
      </Stack>
    );
  }
  return (
    <Typography variant="body2" sx={mono}>
      {(change === 'added' ? toType : fromType) ?? MISSING}
    </Typography>
  );
}

function BreakingChip() {
  return <Chip label="Breaking" color="error" size="small" />;
}

const CHANGE_COLUMNS: CompactColumn<SchemaChange>[] = [
  {
    title: 'Field',
    cell: () => ({ sx: { fontFamily: 'monospace', wordBreak: 'break-word' } }),
    render: change => change.path,
  },
  {
    title: 'Change',
    render: change => (
      <Chip
        label={CHANGE_LABELS[change.change] ?? change.change}
        color={CHANGE_COLORS[change.change] ?? 'default'}
        variant="outlined"
        size="small"
      />
    ),
  },
  { title: 'Type', render: change => <TypeChange change={change} /> },
  {
    title: 'Impact',
    render: change =>
      change.breaking ? (
        <BreakingChip />
      ) : (
        <Typography variant="body2" color="text.secondary">
          Compatible
        </Typography>
      ),
  },
];

function VersionSelect(props: {
  label: string;
  value: number;
  versions: SchemaVersion[];
  onChange: (version: number) => void;
}) {
  return (
    <TextField
      select
      label={props.label}
      size="small"
      value={props.value}
      onChange={event => props.onChange(Number(event.target.value))}
      // The native select is fully keyboard operable and announces well.
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      sx={{ minWidth: 220 }}
    >
      {props.versions.map(version => (
        <option key={version.version} value={version.version}>
          {`v${version.version} · ${formatTimestamp(version.createdAt)}`}
        </option>
      ))}
    </TextField>
  );
}

/**
 * What changed in an endpoint's schema between two versions, with changes
 * that break readers (removed fields, changed types) flagged.
 */
export function SchemaDiffView(props: {
  endpointId: string;
  /** Newest first. */
  versions: SchemaVersion[];
}) {
  const { endpointId, versions } = props;
  const api = useApi(dataPlatformApiRef);
  // Previous → current is what one usually wants to know after a change.
  const [to, setTo] = useState(versions[0]?.version ?? 0);
  const [from, setFrom] = useState(versions[1]?.version ?? 0);
  const comparable = versions.length >= 2 && from !== to;

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    if (!comparable) {
      return undefined;
    }
    return api.getSchemaDiff(endpointId, { from, to });
  }, [api, endpointId, from, to, comparable]);

  if (versions.length < 2) {
    return (
      <Typography variant="body2" color="text.secondary">
        There is one schema version so far; changes show here once the schema
        changes.
      </Typography>
    );
  }

  let result: JSX.Element | null = null;
  if (!comparable) {
    result = (
      <Typography variant="body2" color="text.secondary">
        Pick two different versions to compare.
      </Typography>
    );
  } else if (error) {
    result = <RetryableError error={error} onRetry={retry} />;
  } else if (loading || !value) {
    result = <Progress />;
  } else if (value.changes.length === 0) {
    result = (
      <Alert severity="info">
        No field changed between v{value.from} and v{value.to}.
      </Alert>
    );
  } else {
    const breakingCount = value.changes.filter(c => c.breaking).length;
    result = (
      <>
        <Stack
          direction="row"
          spacing={1}
          alignItems="center"
          sx={{ mb: 1 }}
          aria-live="polite"
        >
          <Typography variant="body2">
            {value.changes.length} change
            {value.changes.length === 1 ? '' : 's'} from v{value.from} to v
            {value.to}
            {breakingCount > 0 && `, ${breakingCount} breaking`}
          </Typography>
          {value.breaking && <BreakingChip />}
        </Stack>
        <CompactTable
          aria-label="Schema changes"
          columns={CHANGE_COLUMNS}
          rows={value.changes}
          rowKey={change => `${change.change}:${change.path}`}
        />
      </>
    );
  }

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <VersionSelect
          label="From version"
          value={from}
          versions={versions}
          onChange={setFrom}
        />
        <VersionSelect
          label="To version"
          value={to}
          versions={versions}
          onChange={setTo}
        />
      </Stack>
      {result}
    </Stack>
  );
}
