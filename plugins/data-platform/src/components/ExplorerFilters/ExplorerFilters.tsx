import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import SearchIcon from '@mui/icons-material/Search';
import { DebouncedTextField } from './DebouncedTextField';
import { ValuePicker } from './ValuePicker';
import { ExplorerFilterValues } from './useExplorerFilters';

/**
 * The search box and filters above an explorer's table. Namespace, owner
 * and tag suggest the values the service has (owners by team name) and
 * still take free text.
 */
export function ExplorerFilters(props: {
  /** What is searched, for the placeholder: "endpoints". */
  noun: string;
  /** Whose values the pickers suggest. */
  kind: 'endpoint' | 'workflow';
  /** What the search matches besides names and descriptions. */
  searchHint?: string;
  filters: ExplorerFilterValues;
  onChange: (key: keyof ExplorerFilterValues, value: string) => void;
  onClear: () => void;
  active: boolean;
}) {
  const { noun, kind, searchHint, filters, onChange, onClear, active } = props;
  return (
    <Stack
      role="search"
      direction={{ xs: 'column', md: 'row' }}
      spacing={2}
      alignItems={{ xs: 'stretch', md: 'center' }}
      sx={{ mb: 2 }}
    >
      <DebouncedTextField
        label={`Search ${noun}`}
        placeholder={`Name, description${searchHint ? `, ${searchHint}` : ''}`}
        type="search"
        size="small"
        value={filters.q}
        onCommit={value => onChange('q', value)}
        sx={{ flexGrow: 2, minWidth: 240 }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      <ValuePicker
        field="namespace"
        kind={kind}
        label="Namespace"
        value={filters.namespace}
        onCommit={value => onChange('namespace', value)}
        sx={{ flexGrow: 1, minWidth: 180 }}
      />
      <ValuePicker
        field="owner"
        kind={kind}
        label="Owner"
        placeholder="team-a or group:default/team-a"
        value={filters.owner}
        onCommit={value => onChange('owner', value)}
        sx={{ flexGrow: 1, minWidth: 180 }}
      />
      <ValuePicker
        field="tag"
        kind={kind}
        label="Tag"
        value={filters.tag}
        onCommit={value => onChange('tag', value)}
        sx={{ flexGrow: 1, minWidth: 140 }}
      />
      <Button onClick={onClear} disabled={!active} sx={{ flexShrink: 0 }}>
        Clear filters
      </Button>
    </Stack>
  );
}
