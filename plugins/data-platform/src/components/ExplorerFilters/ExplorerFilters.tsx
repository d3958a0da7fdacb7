import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import SearchIcon from '@mui/icons-material/Search';
import { DebouncedTextField } from './DebouncedTextField';
import { ExplorerFilterValues } from './useExplorerFilters';

/**
 * The search box and filters above an explorer's table. Namespace, owner
 * and tag are free text: the service matches them exactly and offers no
 * list of values to pick from.
 */
export function ExplorerFilters(props: {
  /** What is searched, for the placeholder: "endpoints". */
  noun: string;
  /** What the search matches besides names and descriptions. */
  searchHint?: string;
  filters: ExplorerFilterValues;
  onChange: (key: keyof ExplorerFilterValues, value: string) => void;
  onClear: () => void;
  active: boolean;
}) {
  const { noun, searchHint, filters, onChange, onClear, active } = props;
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
      <DebouncedTextField
        label="Namespace"
        size="small"
        value={filters.namespace}
        onCommit={value => onChange('namespace', value)}
        sx={{ flexGrow: 1 }}
      />
      <DebouncedTextField
        label="Owner"
        placeholder="team-a or group:default/team-a"
        size="small"
        value={filters.owner}
        onCommit={value => onChange('owner', value)}
        sx={{ flexGrow: 1 }}
      />
      <DebouncedTextField
        label="Tag"
        size="small"
        value={filters.tag}
        onCommit={value => onChange('tag', value)}
        sx={{ flexGrow: 1 }}
      />
      <Button onClick={onClear} disabled={!active} sx={{ flexShrink: 0 }}>
        Clear filters
      </Button>
    </Stack>
  );
}
