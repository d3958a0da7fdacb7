import { useRouteRef } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import { useTheme } from '@mui/material/styles';
import {
  Background,
  Controls,
  Edge,
  MarkerType,
  NodeHandle,
  NodeMouseHandler,
  Position,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LayoutPositions } from './layout/layeredLayout';
import { endpointRouteRef, workflowRouteRef } from '../../routes';
import { flowFrameSx, READ_ONLY_FLOW } from './flowFrame';
import { VisibleGraph } from './graph/filterGraph';
import { GraphPath } from './graph/findPath';
import {
  edgeKey,
  ExpandSide,
  expansionKey,
  hiddenNeighbourCount,
  shownNeighbourCounts,
} from './graph/loadedGraph';
import { fittedViewport } from './layout/fitViewport';
import { useLayeredLayout } from './layout/useLayeredLayout';
import { markLineage } from './performanceMarks';
import {
  LineageFlowNode,
  LineageNodeCard,
  lineageNodeStyles,
  NODE_HEIGHT,
  NODE_WIDTH,
} from './LineageNodeCard';
import { LineageNodePanel } from './LineageNodePanel';

const NODE_TYPES = { lineage: LineageNodeCard };

// Above this many nodes a graph is drawn plainer: cards as bare boxes when
// zoomed out, edges without arrowheads.
const LARGE_GRAPH = 150;

// Far enough out that fitting the view shows a whole 1,000-node graph,
// whose widest layer stacks a hundred and more cards.
const MIN_ZOOM = 0.005;
const FIT_MAX_ZOOM = 1.2;
const FIT_PADDING = 0.1;
// Fitting a graph of a few dozen cards (depth 3, or a node with twenty
// neighbours) whole made its text unreadable: a fit stops at this zoom, the
// focus node in the middle, and the user pans. Large graphs still open
// whole, as the overview of status boxes they are drawn as.
const FIT_READABLE_ZOOM = 0.6;
const FIT_VIEW_OPTIONS = { maxZoom: FIT_MAX_ZOOM, padding: FIT_PADDING };
const READABLE_FIT_VIEW_OPTIONS = {
  ...FIT_VIEW_OPTIONS,
  minZoom: FIT_READABLE_ZOOM,
};

// React Flow's handles are 6 px squares centred on the card's sides.
const HANDLE_SIZE = 6;

// Where the edges attach, known without measuring the cards: React Flow
// draws a node's edges only once it knows its handles, and measuring a
// thousand cards costs a layout pass and a second render before any edge
// shows.
const NODE_HANDLES: NodeHandle[] = [
  {
    type: 'target',
    position: Position.Left,
    x: -HANDLE_SIZE / 2,
    y: NODE_HEIGHT / 2 - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  },
  {
    type: 'source',
    position: Position.Right,
    x: NODE_WIDTH - HANDLE_SIZE / 2,
    y: NODE_HEIGHT / 2 - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  },
];

/** Hrefs of node pages, from the plugin's routes. */
export function useNodeHref() {
  const endpoint = useRouteRef(endpointRouteRef);
  const workflow = useRouteRef(workflowRouteRef);
  return (kind: 'endpoint' | 'workflow', id: string) =>
    kind === 'endpoint' ? endpoint({ id }) : workflow({ id });
}

/**
 * The node-level lineage graph drawn with React Flow, laid out left to
 * right in the layout worker.
 */
export function LineageGraphView(props: {
  focus: string;
  graph: VisibleGraph;
  /** Counts of neighbours per node over the whole loaded graph. */
  shown: ReturnType<typeof shownNeighbourCounts>;
  expanded: Set<string>;
  expanding: Set<string>;
  path?: GraphPath;
  onToggle: (nodeId: string, side: ExpandSide) => void;
  /** Per node, the sides with a further page of neighbours to load. */
  paged: Map<string, Record<ExpandSide, boolean>>;
  onMore: (nodeId: string, side: ExpandSide) => void;
  height: number | string;
}) {
  const { focus, graph, shown, expanded, expanding, path, onToggle } = props;
  const { paged, onMore } = props;
  const theme = useTheme();
  const nodeHref = useNodeHref();
  const container = useRef<HTMLDivElement>(null);
  const [selectedId, setSelectedId] = useState<string>();
  const selected = graph.nodes.find(n => n.id === selectedId);
  const select = useCallback((id: string) => setSelectedId(id), []);
  const closePanel = useCallback(() => {
    const id = selectedId;
    setSelectedId(undefined);
    // Back to the node the panel was about, for keyboard users.
    if (id) {
      container.current
        ?.querySelector<HTMLElement>(
          `[data-testid="lineage-node-${CSS.escape(id)}"]`,
        )
        ?.focus();
    }
  }, [selectedId]);

  const layoutInput = useMemo(
    () => ({
      nodes: graph.nodes.map(n => ({
        id: n.id,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      })),
      edges: graph.edges,
    }),
    [graph],
  );
  const { positions, pending, thread } = useLayeredLayout(layoutInput);
  const large = graph.nodes.length > LARGE_GRAPH;
  const fitOptions = large ? FIT_VIEW_OPTIONS : READABLE_FIT_VIEW_OPTIONS;
  const fitLayout = (layout: LayoutPositions, box: DOMRect | undefined) =>
    box &&
    fittedViewport(layout, box.width, box.height, {
      nodeWidth: NODE_WIDTH,
      nodeHeight: NODE_HEIGHT,
      minZoom: MIN_ZOOM,
      maxZoom: FIT_MAX_ZOOM,
      padding: FIT_PADDING,
      readableZoom: large ? undefined : FIT_READABLE_ZOOM,
      center: focus,
    });

  const nodes = useMemo<LineageFlowNode[]>(() => {
    if (!positions) return [];
    return graph.nodes
      .filter(node => positions[node.id])
      .map(node => {
        const counts = shown.get(node.id) ?? { upstream: 0, downstream: 0 };
        return {
          id: node.id,
          type: 'lineage',
          position: positions[node.id],
          width: NODE_WIDTH,
          height: NODE_HEIGHT,
          handles: NODE_HANDLES,
          draggable: false,
          connectable: false,
          data: {
            node,
            href: nodeHref(node.kind, node.id),
            isFocus: node.id === focus,
            hidden: {
              upstream: hiddenNeighbourCount(node, 'upstream', counts.upstream),
              downstream: hiddenNeighbourCount(
                node,
                'downstream',
                counts.downstream,
              ),
            },
            expanded: {
              upstream: expanded.has(expansionKey(node.id, 'upstream')),
              downstream: expanded.has(expansionKey(node.id, 'downstream')),
            },
            more: {
              upstream: paged.get(node.id)?.upstream
                ? Math.max(node.upstream.total - counts.upstream, 0)
                : undefined,
              downstream: paged.get(node.id)?.downstream
                ? Math.max(node.downstream.total - counts.downstream, 0)
                : undefined,
            },
            loading: expanding.has(node.id),
            dimmed: !!path && !path.nodes.has(node.id),
            onPath: !!path && path.nodes.has(node.id),
            large,
            selected: node.id === selectedId,
            onToggle,
            onMore,
            onSelect: select,
          },
        };
      });
    // nodeHref is rebuilt each render but depends only on the routes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    graph,
    positions,
    shown,
    expanded,
    expanding,
    path,
    focus,
    onToggle,
    paged,
    onMore,
    large,
    selectedId,
    select,
  ]);

  const edges = useMemo<Edge[]>(() => {
    const stroke = theme.palette.text.secondary;
    const highlight = theme.palette.primary.main;
    return graph.edges.map(edge => {
      const key = edgeKey(edge);
      const onPath = !!path && path.edges.has(key);
      const color = onPath ? highlight : stroke;
      return {
        id: key,
        source: edge.from,
        target: edge.to,
        animated: onPath,
        // Every edge points right in the layered layout, so a large graph
        // goes without arrowheads: a thousand SVG markers are drawn again
        // on every frame of a pan or zoom.
        markerEnd:
          large && !onPath
            ? undefined
            : {
                type: MarkerType.ArrowClosed,
                color,
                width: 16,
                height: 16,
              },
        style: {
          stroke: color,
          strokeWidth: onPath ? 3 : 1.5,
          strokeDasharray: edge.through ? '6 4' : undefined,
          opacity: path && !onPath ? 0.25 : 1,
        },
        ariaLabel: `${edge.from} to ${edge.to}`,
        // Edges take no clicks: no wide invisible path beside each one.
        interactionWidth: 0,
      };
    });
  }, [graph, path, theme, large]);

  // An expansion or a collapse moves everything: bring the new layout into
  // view. Fitted from the layout, as the first one is: React Flow's own
  // fitView fits the nodes it has measured, which the new ones are not yet,
  // and so framed a corner of the old graph. The first layout is fitted by
  // `initialViewport` (or the `fitView` prop without a container size).
  const { fitView, setViewport } = useReactFlow();
  const firstLayout = useRef<typeof positions>(undefined);
  useEffect(() => {
    if (!positions) return;
    if (!firstLayout.current) {
      firstLayout.current = positions;
      return;
    }
    if (firstLayout.current === positions) return;
    const box = container.current?.getBoundingClientRect();
    const viewport = fitLayout(positions, box);
    if (viewport) setViewport(viewport, { duration: 300 });
    else fitView({ ...fitOptions, duration: 300 });
    // fitLayout and fitOptions follow the graph, whose layout is `positions`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [positions, fitView, setViewport]);

  // "Nodes painted": the frame after React committed the laid-out nodes.
  useEffect(() => {
    if (nodes.length === 0) return undefined;
    const frame = requestAnimationFrame(() => {
      markLineage('lineage:painted');
    });
    return () => cancelAnimationFrame(frame);
  }, [nodes]);

  // The first layout opens fitted: with the viewport known before React
  // Flow mounts, it draws once, instead of drawing at zoom 1, measuring
  // every card and drawing again fitted.
  const initialViewport = useMemo(() => {
    const box = container.current?.getBoundingClientRect();
    return positions && box ? fitLayout(positions, box) : undefined;
    // Only the first layout's viewport is used; later ones are fitted by
    // the effect above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [!positions]);

  const onNodeClick: NodeMouseHandler<LineageFlowNode> = (event, node) => {
    // The name link and the expand buttons handle their own clicks.
    if ((event.target as Element).closest?.('a,button')) return;
    setSelectedId(node.id);
  };

  return (
    <Box
      ref={container}
      data-layout-thread={thread}
      onKeyDown={event => {
        if (event.key === 'Escape' && selectedId) closePanel();
      }}
      sx={{
        ...lineageNodeStyles(theme),
        ...flowFrameSx(theme),
        position: 'relative',
        height: props.height,
      }}
    >
      {pending && (
        <LinearProgress
          aria-label="Laying out the graph"
          sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 5 }}
        />
      )}
      {positions && (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          onNodeClick={onNodeClick}
          colorMode={theme.palette.mode === 'dark' ? 'dark' : 'light'}
          // Opened fitted, every node is in view: drawing only the visible
          // ones would add the work of finding them on every frame of a pan
          // and save nothing. Without a size to fit to (no layout engine)
          // the graph opens at zoom 1 and large ones are cut to the view.
          onlyRenderVisibleElements={large && !initialViewport}
          {...READ_ONLY_FLOW}
          defaultViewport={initialViewport}
          fitView={!initialViewport}
          fitViewOptions={fitOptions}
          minZoom={MIN_ZOOM}
          style={{ backgroundColor: theme.palette.background.default }}
          aria-label="Lineage graph"
        >
          <Background color={theme.palette.divider} />
          <Controls showInteractive={false} fitViewOptions={fitOptions} />
        </ReactFlow>
      )}
      {selected && (
        <LineageNodePanel
          node={selected}
          href={nodeHref(selected.kind, selected.id)}
          onClose={closePanel}
        />
      )}
    </Box>
  );
}
