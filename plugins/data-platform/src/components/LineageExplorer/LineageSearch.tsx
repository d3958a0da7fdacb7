import { useApi } from '@backstage/core-plugin-api';
import { LineageNodeKind } from '@data-platform/plugin-data-platform-common';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { dataPlatformApiRef } from '../../api';

export type LineageSearchResult = {
  id: string;
  kind: LineageNodeKind;
  namespace: string;
  name: string;
};

const LIMIT = 10;

function noOptionsText(query: string, error?: Error) {
  if (!query) return 'Type a name';
  if (error) return `Search failed: ${error.message}`;
  return 'No endpoint or workflow matches';
}

/**
 * Finds an endpoint or workflow by name to put at the centre of the
 * graph, with the explorers' own search.
 */
export function LineageSearch(props: {
  onSelect: (result: LineageSearchResult) => void;
  label?: string;
}) {
  const api = useApi(dataPlatformApiRef);
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  useDebounce(() => setQuery(input.trim()), 250, [input]);

  const results = useAsync(async (): Promise<LineageSearchResult[]> => {
    if (!query) return [];
    const [endpoints, workflows] = await Promise.all([
      api.listEndpoints({ q: query, limit: LIMIT }),
      api.listWorkflows({ q: query, limit: LIMIT }),
    ]);
    return [
      ...endpoints.items.map(e => ({
        id: e.id,
        kind: 'endpoint' as const,
        namespace: e.namespace,
        name: e.name,
      })),
      ...workflows.items.map(w => ({
        id: w.id,
        kind: 'workflow' as const,
        namespace: w.namespace,
        name: w.name,
      })),
    ];
  }, [api, query]);

  return (
    <Autocomplete<LineageSearchResult>
      sx={{ minWidth: 280, flex: 1 }}
      size="small"
      options={results.value ?? []}
      loading={results.loading}
      filterOptions={x => x}
      groupBy={o => (o.kind === 'endpoint' ? 'Endpoints' : 'Workflows')}
      getOptionLabel={o => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      renderOption={(optionProps, o) => (
        <li {...optionProps} key={`${o.kind}:${o.id}`}>
          <span>
            {o.name}
            <br />
            <small style={{ opacity: 0.7 }}>{o.namespace}</small>
          </span>
        </li>
      )}
      noOptionsText={noOptionsText(query, results.error)}
      inputValue={input}
      onInputChange={(_, value) => setInput(value)}
      value={null}
      onChange={(_, value) => {
        if (value) props.onSelect(value);
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label ?? 'Focus on an endpoint or workflow'}
        />
      )}
    />
  );
}
