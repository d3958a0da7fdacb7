import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { LineageNodeKind } from '@data-platform/plugin-data-platform-common';
import Box from '@mui/material/Box';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { lineageRouteRef } from '../../routes';
import { LineageExplorer } from './LineageExplorer';
import { useLineageOptions, writeLineageOptions } from './lineageOptions';
import { LineageSearch, LineageSearchResult } from './LineageSearch';

/** Where the standalone explorer shows a node, with the given query. */
export function useLineageHref() {
  const route = useRouteRef(lineageRouteRef);
  return (
    focus: { id: string; kind: LineageNodeKind },
    query?: URLSearchParams,
  ) => {
    const params = new URLSearchParams(query);
    params.set('focus', focus.id);
    params.set('focusKind', focus.kind);
    return `${route()}?${params}`;
  };
}

/**
 * The Lineage tab of an endpoint's or workflow's page: the explorer
 * focused on it. Refocusing leaves the page for the standalone explorer.
 */
export function LineageTab(props: {
  focus: { id: string; kind: LineageNodeKind };
}) {
  const { focus } = props;
  const [options, setOptions] = useLineageOptions();
  const navigate = useNavigate();
  const lineageHref = useLineageHref();
  const refocus = useCallback(
    (result: LineageSearchResult) => navigate(lineageHref(result)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [navigate],
  );
  return (
    <>
      <LineageExplorer
        focus={focus}
        options={options}
        onOptionsChange={setOptions}
        search={<LineageSearch onSelect={refocus} label="Refocus on…" />}
      />
      <Box sx={{ mt: 1 }}>
        <Link
          to={lineageHref(
            focus,
            writeLineageOptions(new URLSearchParams(), options),
          )}
        >
          Open in the lineage explorer
        </Link>
      </Box>
    </>
  );
}
