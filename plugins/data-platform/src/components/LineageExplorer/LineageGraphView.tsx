import { useRouteRef } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import { useTheme } from '@mui/material/styles';
import {
  Background,
  Controls,
  Edge,
  MarkerType,
  NodeMouseHandler,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { endpointRouteRef, workflowRouteRef } from '../../routes';
import { VisibleGraph } from './graph/filterGraph';
import { GraphPath } from './graph/findPath';
import {
  edgeKey,
  ExpandSide,
  expansionKey,
  hiddenNeighbourCount,
  shownNeighbourCounts,
} from './graph/loadedGraph';
import { useLayeredLayout } from './layout/useLayeredLayout';
import { markLineage } from './performanceMarks';
import {
  LineageFlowNode,
  LineageNodeCard,
  lineageNodeStyles,
  NODE_HEIGHT,
  NODE_WIDTH,
} from './LineageNodeCard';

const NODE_TYPES = { lineage: LineageNodeCard };

// Small graphs keep every node in the DOM, so that Tab reaches them all;
// large ones draw only what is in view, or panning would crawl.
const VIRTUALIZE_ABOVE = 150;

// Far enough out that fitting the view shows a whole 1,000-node graph,
// whose widest layer stacks a hundred and more cards.
const MIN_ZOOM = 0.005;

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
  height: number | string;
}) {
  const { focus, graph, shown, expanded, expanding, path, onToggle } = props;
  const theme = useTheme();
  const navigate = useNavigate();
  const nodeHref = useNodeHref();

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
            loading: expanding.has(node.id),
            dimmed: !!path && !path.nodes.has(node.id),
            onPath: !!path && path.nodes.has(node.id),
            large: graph.nodes.length > VIRTUALIZE_ABOVE,
            onToggle,
          },
        };
      });
    // nodeHref is rebuilt each render but depends only on the routes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, positions, shown, expanded, expanding, path, focus, onToggle]);

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
        markerEnd: {
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
      };
    });
  }, [graph, path, theme]);

  // An expansion or a collapse moves everything: bring the new layout into
  // view. The first layout is fitted by the `fitView` prop.
  const { fitView } = useReactFlow();
  const firstLayout = useRef<typeof positions>(undefined);
  useEffect(() => {
    if (!positions) return;
    if (!firstLayout.current) {
      firstLayout.current = positions;
      return;
    }
    if (firstLayout.current !== positions) {
      fitView({ maxZoom: 1.2, duration: 300 });
    }
  }, [positions, fitView]);

  // "Nodes painted": the frame after React committed the laid-out nodes.
  useEffect(() => {
    if (nodes.length === 0) return undefined;
    const frame = requestAnimationFrame(() => {
      markLineage('lineage:painted');
    });
    return () => cancelAnimationFrame(frame);
  }, [nodes]);

  const onNodeClick: NodeMouseHandler<LineageFlowNode> = (event, node) => {
    // The name link and the expand buttons handle their own clicks.
    if ((event.target as Element).closest?.('a,button')) return;
    navigate(node.data.href);
  };

  return (
    <Box
      data-layout-thread={thread}
      sx={{
        ...lineageNodeStyles(theme),
        position: 'relative',
        height: props.height,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        overflow: 'hidden',
        '& .react-flow__controls button': {
          backgroundColor: theme.palette.background.paper,
          color: theme.palette.text.primary,
          borderColor: theme.palette.divider,
        },
        '& .react-flow__controls button svg': { fill: 'currentColor' },
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
          onlyRenderVisibleElements={nodes.length > VIRTUALIZE_ABOVE}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={{ maxZoom: 1.2 }}
          minZoom={MIN_ZOOM}
          style={{ backgroundColor: theme.palette.background.default }}
          aria-label="Lineage graph"
        >
          <Background color={theme.palette.divider} />
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
    </Box>
  );
}
