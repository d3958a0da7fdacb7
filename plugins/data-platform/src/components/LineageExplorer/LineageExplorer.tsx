import { Progress } from '@backstage/core-components';
import { LineageNodeKind } from '@data-platform/plugin-data-platform-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { ReactFlowProvider } from '@xyflow/react';
import { ReactNode, useEffect, useMemo } from 'react';
import { RetryableError } from '../RetryableError';
import { ColumnLineageView } from './ColumnLineage/ColumnLineageView';
import { filterChoices, filterGraph } from './graph/filterGraph';
import { findPath } from './graph/findPath';
import { shownNeighbourCounts } from './graph/loadedGraph';
import { ImpactPanel } from './Impact/ImpactPanel';
import { prepareLayoutWorker } from './layout/layoutRunner';
import { LineageControls } from './LineageControls';
import { LineageGraphView } from './LineageGraphView';
import { LineageOptions } from './lineageOptions';
import { useLineageGraph } from './useLineageGraph';

const GRAPH_HEIGHT = 'max(480px, calc(100vh - 360px))';

/**
 * The lineage explorer around one endpoint or workflow: the graph at the
 * chosen depth and direction, grown and folded node by node, filtered,
 * with a path traced between two nodes, the column-level view of an
 * endpoint, and the impact list.
 */
export function LineageExplorer(props: {
  focus: { id: string; kind: LineageNodeKind };
  options: LineageOptions;
  onOptionsChange: (change: Partial<LineageOptions>) => void;
  /** A search to pick another focus, when the page offers one. */
  search?: ReactNode;
}) {
  const { focus, options, onOptionsChange } = props;
  const state = useLineageGraph({
    id: focus.id,
    kind: focus.kind,
    direction: options.direction,
    depth: options.depth,
    asOf: options.asOf,
  });
  const { graph } = state;
  useEffect(prepareLayoutWorker, []);

  const visible = useMemo(
    () =>
      graph &&
      filterGraph(graph, {
        kind: options.kind,
        owner: options.owner,
        namespace: options.namespace,
      }),
    [graph, options.kind, options.owner, options.namespace],
  );
  const shown = useMemo(
    () => shownNeighbourCounts(graph?.edges ?? []),
    [graph],
  );
  const choices = useMemo(
    () => (graph ? filterChoices(graph) : { owners: [], namespaces: [] }),
    [graph],
  );
  const pickable = useMemo(
    () =>
      visible
        ? [...visible.nodes].sort((a, b) => a.name.localeCompare(b.name))
        : [],
    [visible],
  );
  const pathEnds =
    visible &&
    options.pathFrom &&
    options.pathTo &&
    visible.nodes.some(n => n.id === options.pathFrom) &&
    visible.nodes.some(n => n.id === options.pathTo);
  const path = useMemo(
    () =>
      pathEnds && visible
        ? findPath(visible.edges, options.pathFrom!, options.pathTo!)
        : undefined,
    [pathEnds, visible, options.pathFrom, options.pathTo],
  );
  const focusNode = graph?.nodes.get(graph.focus);

  let body: ReactNode;
  if (options.mode === 'columns' && focus.kind === 'endpoint') {
    body = (
      <ColumnLineageView
        endpointId={graph?.focus ?? focus.id}
        direction={options.direction}
        depth={options.depth}
        height={GRAPH_HEIGHT}
      />
    );
  } else if (state.error) {
    body = <RetryableError error={state.error} onRetry={state.retry} />;
  } else if (state.loading || !graph || !visible) {
    body = <Progress />;
  } else if (graph.nodes.size <= 1 && graph.edges.length === 0) {
    body = (
      <Alert severity="info">
        No lineage{options.asOf ? ' at that time' : ''}: no workflow{' '}
        {focus.kind === 'endpoint'
          ? 'reads or writes this endpoint'
          : 'run of this workflow read or wrote an endpoint'}{' '}
        {options.direction === 'both' ? '' : `(${options.direction})`} yet.
      </Alert>
    );
  } else {
    body = (
      <ReactFlowProvider>
        <LineageGraphView
          focus={graph.focus}
          graph={visible}
          shown={shown}
          expanded={state.expanded}
          expanding={state.expanding}
          path={path}
          onToggle={state.toggle}
          paged={state.paged}
          onMore={state.loadMore}
          height={GRAPH_HEIGHT}
        />
      </ReactFlowProvider>
    );
  }

  return (
    <Stack spacing={2}>
      <LineageControls
        options={options}
        onChange={onOptionsChange}
        columnsAvailable={focus.kind === 'endpoint'}
        owners={choices.owners}
        namespaces={choices.namespaces}
        nodes={pickable}
        search={props.search}
      />
      {graph?.truncated && options.mode === 'graph' && (
        <Alert severity="warning">
          The graph is larger than the service returns at once: it stops at the
          node limit, and nodes with more neighbours than shown carry a + button
          to load them.
        </Alert>
      )}
      {visible && visible.hidden > 0 && options.mode === 'graph' && (
        <Alert
          severity="info"
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() =>
                onOptionsChange({
                  kind: undefined,
                  owner: undefined,
                  namespace: undefined,
                })
              }
            >
              Clear filters
            </Button>
          }
        >
          The filters hide {visible.hidden} of {graph!.nodes.size} nodes; dashed
          edges pass through hidden ones.
        </Alert>
      )}
      {options.pathFrom &&
        options.pathTo &&
        pathEnds &&
        !path &&
        options.mode === 'graph' && (
          <Alert severity="info">
            No path between those two nodes in the graph as loaded.
          </Alert>
        )}
      {state.expandError && (
        <Alert severity="error">
          Could not load the neighbours: {state.expandError.message}
        </Alert>
      )}
      {body}
      {options.impact && (
        <ImpactPanel
          focus={{
            id: graph?.focus ?? focus.id,
            kind: focus.kind,
            name: focusNode?.name ?? focus.id,
          }}
          asOf={options.asOf}
        />
      )}
    </Stack>
  );
}
