import { Content, InfoCard } from '@backstage/core-components';
import { LineageNodeKind } from '@data-platform/plugin-data-platform-common';
import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LineageExplorer } from './LineageExplorer';
import { useLineageOptions } from './lineageOptions';
import { LineageSearch, LineageSearchResult } from './LineageSearch';

/**
 * The standalone explorer at `lineage`: the focus (`focus`, `focusKind`)
 * and every option live in the query, so a view is a link. Without a
 * focus it asks for one.
 */
export function LineagePage() {
  const [params, setParams] = useSearchParams();
  const [options, setOptions] = useLineageOptions();
  const focusId = params.get('focus');
  const focusKind: LineageNodeKind =
    params.get('focusKind') === 'workflow' ? 'workflow' : 'endpoint';

  // A new focus starts from the default view; a refocus is a step the
  // back button can undo.
  const refocus = useCallback(
    (result: LineageSearchResult) =>
      setParams({ focus: result.id, focusKind: result.kind }),
    [setParams],
  );

  if (!focusId) {
    return (
      <Content>
        <InfoCard title="Lineage">
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            Pick an endpoint or workflow to see what it is made from and what is
            made from it.
          </Typography>
          <LineageSearch onSelect={refocus} />
        </InfoCard>
      </Content>
    );
  }
  return (
    <Content>
      <LineageExplorer
        focus={{ id: focusId, kind: focusKind }}
        options={options}
        onOptionsChange={setOptions}
        search={<LineageSearch onSelect={refocus} label="Refocus on…" />}
      />
    </Content>
  );
}
