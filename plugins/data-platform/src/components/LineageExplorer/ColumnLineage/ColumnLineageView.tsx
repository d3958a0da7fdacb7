import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { LineageDirection } from '@data-platform/plugin-data-platform-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  Background,
  Controls,
  Edge,
  MarkerType,
  Node,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../../api';
import { RetryableError } from '../../RetryableError';
import { flowFrameSx, READ_ONLY_FLOW } from '../flowFrame';
import { useLayeredLayout } from '../layout/useLayeredLayout';
import { useNodeHref } from '../LineageGraphView';
import {
  columnGraphModel,
  ENDPOINT_HEADER,
  ENDPOINT_WIDTH,
  FIELD_HEIGHT,
} from './columnGraph';
import { ColumnEndpointCard, FieldCard } from './ColumnNodes';

const NODE_TYPES = {
  columnEndpoint: ColumnEndpointCard,
  columnField: FieldCard,
};

/**
 * Column-level lineage: each endpoint opens into its fields, and edges run
 * from field to field labelled with how one is derived from the other;
 * DIRECT derivations solid, INDIRECT ones (filters, joins) dashed.
 */
export function ColumnLineageView(props: {
  endpointId: string;
  direction: LineageDirection;
  depth: number;
  height: number | string;
}) {
  const { endpointId, direction, depth } = props;
  const api = useApi(dataPlatformApiRef);
  const theme = useTheme();
  const nodeHref = useNodeHref();
  const state = useAsyncRetry(
    () => api.getColumnLineage({ id: endpointId, direction, depth }),
    [api, endpointId, direction, depth],
  );
  const model = useMemo(
    () => (state.value ? columnGraphModel(state.value) : undefined),
    [state.value],
  );
  const layoutInput = useMemo(
    () =>
      model && {
        nodes: model.endpoints.map(e => ({
          id: e.key,
          width: e.width,
          height: e.height,
        })),
        edges: model.endpointEdges,
        // Room for the transformation labels between the endpoints.
        rankSeparation: 240,
      },
    [model],
  );
  const { positions } = useLayeredLayout(layoutInput);

  const { nodes, edges } = useMemo(() => {
    if (!model || !positions)
      return { nodes: [] as Node[], edges: [] as Edge[] };
    const flowNodes: Node[] = [];
    for (const endpoint of model.endpoints) {
      flowNodes.push({
        id: `endpoint:${endpoint.key}`,
        type: 'columnEndpoint',
        position: positions[endpoint.key],
        width: endpoint.width,
        height: endpoint.height,
        draggable: false,
        data: {
          name: endpoint.name,
          namespace: endpoint.namespace,
          href: endpoint.endpointId
            ? nodeHref('endpoint', endpoint.endpointId)
            : undefined,
          isFocus: endpoint.endpointId === endpointId,
        },
      });
      endpoint.fields.forEach((field, index) => {
        flowNodes.push({
          id: field.id,
          type: 'columnField',
          parentId: `endpoint:${endpoint.key}`,
          extent: 'parent',
          position: { x: 8, y: ENDPOINT_HEADER + 4 + index * FIELD_HEIGHT },
          width: ENDPOINT_WIDTH - 16,
          height: FIELD_HEIGHT - 4,
          draggable: false,
          data: { field: field.field },
        });
      });
    }
    const flowEdges: Edge[] = model.edges.map(edge => {
      const direct = edge.type === 'DIRECT';
      const color = direct
        ? theme.palette.text.secondary
        : theme.palette.warning.main;
      return {
        id: edge.id,
        source: edge.from,
        target: edge.to,
        label: edge.label,
        labelStyle: { fill: theme.palette.text.primary, fontSize: 11 },
        labelBgStyle: { fill: theme.palette.background.paper },
        markerEnd: { type: MarkerType.ArrowClosed, color },
        style: {
          stroke: color,
          strokeWidth: 1.5,
          strokeDasharray: direct ? undefined : '6 4',
        },
        data: { type: edge.type },
      };
    });
    return { nodes: flowNodes, edges: flowEdges };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, positions, theme, endpointId]);

  if (state.error) {
    return <RetryableError error={state.error} onRetry={state.retry} />;
  }
  if (state.loading || !model || (model.endpoints.length > 0 && !positions)) {
    return <Progress />;
  }
  if (model.endpoints.length === 0) {
    return (
      <Alert severity="info">
        No column-level lineage for this endpoint. It comes from the
        columnLineage facet of the runs that write it.
      </Alert>
    );
  }
  return (
    <Stack spacing={1}>
      {state.value?.truncated && (
        <Alert severity="warning">
          The column graph is larger than the service returns at once; what is
          shown is cut at the limit.
        </Alert>
      )}
      <Box
        aria-label="Column lineage"
        role="region"
        sx={{ ...flowFrameSx(theme), height: props.height }}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          colorMode={theme.palette.mode === 'dark' ? 'dark' : 'light'}
          onlyRenderVisibleElements={nodes.length > 300}
          {...READ_ONLY_FLOW}
          fitView
          fitViewOptions={{ maxZoom: 1.2 }}
          minZoom={0.05}
          style={{ backgroundColor: theme.palette.background.default }}
        >
          <Background color={theme.palette.divider} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </Box>
      <Typography variant="caption" color="text.secondary">
        Solid edges: DIRECT (the value is derived from the field). Dashed:
        INDIRECT (the field affects the result, as a filter or join key does).
      </Typography>
    </Stack>
  );
}
