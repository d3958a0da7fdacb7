import { useApi } from '@backstage/core-plugin-api';
import { ValueCount } from '@data-platform/plugin-data-platform-common';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SxProps, Theme } from '@mui/material/styles';
import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { dataPlatformApiRef } from '../../api';
import { formatNumber } from '../format';
import { FILTER_DEBOUNCE_MS } from './DebouncedTextField';

/** How many suggestions a picker shows. */
const SUGGESTIONS = 20;

/** One suggestion: what the filter gets, and what the owners behind it are. */
export type ValueOption = { value: string; count: number; refs: string[] };

/**
 * The team an owner names, as the owner filter reads a bare name:
 * `ads-measurement` for `group:default/ads-measurement` or `team:ads-measurement`.
 */
export function teamName(owner: string): string {
  return owner.split(/[:/]/).pop() || owner;
}

/**
 * Owners as team names, one option per team however many refs name it,
 * since the filter given a team name matches them all.
 */
export function ownerOptions(values: ValueCount[]): ValueOption[] {
  const byTeam = new Map<string, ValueOption>();
  for (const { value, count } of values) {
    const name = teamName(value);
    const key = name.toLocaleLowerCase('en-US');
    const option = byTeam.get(key);
    if (option) {
      option.count += count;
      option.refs.push(value);
    } else {
      byTeam.set(key, { value: name, count, refs: [value] });
    }
  }
  return [...byTeam.values()];
}

/**
 * A filter field that suggests the values the service has, most used
 * first, narrowed by what is typed; free text still applies as typed. What
 * is typed applies once typing pauses or on Enter, a picked value at once.
 */
export function ValuePicker(props: {
  field: 'namespace' | 'tag' | 'owner';
  kind: 'endpoint' | 'workflow';
  label: string;
  placeholder?: string;
  value: string;
  onCommit: (value: string) => void;
  sx?: SxProps<Theme>;
}) {
  const { field, kind, label, placeholder, value, onCommit, sx } = props;
  const api = useApi(dataPlatformApiRef);
  const [draft, setDraft] = useState(value);
  const [prefix, setPrefix] = useState(value);
  const [open, setOpen] = useState(false);
  const committed = useRef(value);

  useEffect(() => {
    // Our own commit coming back must not overwrite what was typed since.
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  const commit = (next: string) => {
    if (next.trim() !== committed.current) {
      committed.current = next.trim();
      onCommit(next);
    }
  };

  useDebounce(() => commit(draft), FILTER_DEBOUNCE_MS, [draft]);
  useDebounce(() => setPrefix(draft.trim()), FILTER_DEBOUNCE_MS, [draft]);

  // Asked only once the list opens, so a page of explorers costs nothing.
  const suggestions = useAsync(async () => {
    if (!open) return [];
    const { items } = await api.listValues({
      field,
      kind,
      prefix: prefix || undefined,
      limit: SUGGESTIONS,
    });
    return field === 'owner'
      ? ownerOptions(items)
      : items.map(item => ({ ...item, refs: [item.value] }));
  }, [api, field, kind, prefix, open]);

  return (
    <Autocomplete<ValueOption, false, false, true>
      freeSolo
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={suggestions.value ?? []}
      loading={suggestions.loading}
      // The service already narrowed the list by the prefix, more loosely
      // than a label match would for owners.
      filterOptions={options => options}
      value={null}
      inputValue={draft}
      onInputChange={(_, next, reason) => {
        if (reason !== 'reset') setDraft(next);
      }}
      onChange={(_, picked) => {
        if (picked === null) return;
        const next = typeof picked === 'string' ? picked : picked.value;
        setDraft(next);
        commit(next);
      }}
      getOptionLabel={option =>
        typeof option === 'string' ? option : option.value
      }
      renderOption={(optionProps, option) => (
        <Box component="li" {...optionProps} key={option.value}>
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            <Typography variant="body2" noWrap>
              {option.value}
            </Typography>
            {field === 'owner' && (
              <Typography variant="caption" color="text.secondary" noWrap>
                {option.refs.join(', ')}
              </Typography>
            )}
          </Box>
          <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
            {formatNumber(option.count)}
          </Typography>
        </Box>
      )}
      noOptionsText={suggestions.error ? 'No suggestions' : 'No values'}
      sx={sx}
      // As wide as its values rather than the field: owner refs and
      // namespaces are longer than the fields are wide.
      slotProps={{
        popper: {
          placement: 'bottom-start',
          style: { minWidth: 280, maxWidth: 480 },
        },
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          placeholder={placeholder}
          size="small"
          onKeyDown={event => {
            // Enter on typed text applies it; on a highlighted option the
            // autocomplete picks that instead.
            if (event.key === 'Enter' && !open) commit(draft);
          }}
        />
      )}
    />
  );
}
