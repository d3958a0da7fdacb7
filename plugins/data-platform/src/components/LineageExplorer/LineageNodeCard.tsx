import { Link } from '@backstage/core-components';
import { LineageNode } from '@data-platform/plugin-data-platform-common';
import AccountTreeOutlined from '@mui/icons-material/AccountTreeOutlined';
import TableChartOutlined from '@mui/icons-material/TableChartOutlined';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import { Handle, Node, NodeProps, Position } from '@xyflow/react';
import { memo, MouseEvent } from 'react';
import { formatOwner } from '../format';
import { ExpandSide } from './graph/loadedGraph';
import { statusColor, statusLabel } from './lineageStatus';

export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 76;

export type LineageNodeData = {
  node: LineageNode;
  href: string;
  isFocus: boolean;
  hidden: Record<ExpandSide, number>;
  expanded: Record<ExpandSide, boolean>;
  /** True while an expansion of this node is loading. */
  loading: boolean;
  /** Drawn faded: a path is highlighted and this node is not on it. */
  dimmed: boolean;
  onPath: boolean;
  onToggle: (nodeId: string, side: ExpandSide) => void;
};

// Edges attach here; the expand buttons sit on top and are what shows.
const HANDLE_STYLE = { opacity: 0, pointerEvents: 'none' as const };

export type LineageFlowNode = Node<LineageNodeData, 'lineage'>;

function SideButton(props: { side: ExpandSide; data: LineageNodeData }) {
  const { side, data } = props;
  const expanded = data.expanded[side];
  const hidden = data.hidden[side];
  if (!expanded && hidden === 0) return null;
  const what = side === 'upstream' ? 'upstream' : 'downstream';
  const label = expanded
    ? `Collapse ${what} of ${data.node.name}`
    : `Expand ${what} of ${data.node.name} (${hidden} more)`;
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    data.onToggle(data.node.id, side);
  };
  return (
    <ButtonBase
      className="nodrag nopan"
      aria-label={label}
      title={label}
      disabled={data.loading}
      onClick={onClick}
      sx={theme => ({
        position: 'absolute',
        top: '50%',
        [side === 'upstream' ? 'left' : 'right']: -14,
        transform: 'translateY(-50%)',
        minWidth: 28,
        height: 22,
        px: 0.5,
        borderRadius: 11,
        fontSize: 12,
        fontWeight: 600,
        color: theme.palette.primary.contrastText,
        backgroundColor: expanded
          ? theme.palette.text.secondary
          : theme.palette.primary.main,
        '&:focus-visible': {
          outline: `2px solid ${theme.palette.text.primary}`,
          outlineOffset: 2,
        },
      })}
    >
      {expanded ? '−' : `+${hidden}`}
    </ButtonBase>
  );
}

/**
 * A node of the lineage graph: kind, name, owner and the status colour,
 * with buttons on its sides to load or fold its neighbours. The name is a
 * link to the node's page, so Tab reaches every node and Enter opens it.
 */
function LineageNodeCardComponent(props: NodeProps<LineageFlowNode>) {
  const { data } = props;
  const { node } = data;
  const theme = useTheme();
  const color = statusColor(theme, node.status);
  const KindIcon =
    node.kind === 'endpoint' ? TableChartOutlined : AccountTreeOutlined;
  return (
    <Box
      data-testid={`lineage-node-${node.id}`}
      data-focus={data.isFocus || undefined}
      data-on-path={data.onPath || undefined}
      sx={{
        position: 'relative',
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        boxSizing: 'border-box',
        display: 'flex',
        alignItems: 'stretch',
        borderRadius: 1,
        border: `1px solid ${
          data.onPath || data.isFocus
            ? theme.palette.primary.main
            : theme.palette.divider
        }`,
        borderWidth: data.onPath || data.isFocus ? 2 : 1,
        backgroundColor: data.isFocus
          ? alpha(
              theme.palette.primary.main,
              theme.palette.mode === 'dark' ? 0.18 : 0.08,
            )
          : theme.palette.background.paper,
        color: theme.palette.text.primary,
        boxShadow: theme.shadows[1],
        opacity: data.dimmed ? 0.35 : 1,
        cursor: 'pointer',
        '&:focus-within': {
          outline: `3px solid ${theme.palette.primary.main}`,
          outlineOffset: 2,
        },
      }}
    >
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={false}
        style={HANDLE_STYLE}
      />
      <Box
        aria-hidden
        sx={{
          width: 6,
          flexShrink: 0,
          backgroundColor: color,
          borderTopLeftRadius: 4,
          borderBottomLeftRadius: 4,
        }}
      />
      <Box sx={{ minWidth: 0, flex: 1, px: 1.5, py: 0.75 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
          <KindIcon
            fontSize="small"
            titleAccess={node.kind === 'endpoint' ? 'Endpoint' : 'Workflow'}
            sx={{ color: theme.palette.text.secondary }}
          />
          <Typography
            variant="body2"
            noWrap
            sx={{
              fontWeight: 600,
              minWidth: 0,
              '& a:focus-visible': { outline: 'none' },
            }}
          >
            <Link
              to={data.href}
              title={`${node.namespace}/${node.name}`}
              color="inherit"
            >
              {node.name}
            </Link>
          </Typography>
        </Box>
        <Typography
          variant="caption"
          component="div"
          noWrap
          color="text.secondary"
          title={node.namespace}
        >
          {node.namespace}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Typography
            variant="caption"
            noWrap
            color="text.secondary"
            title={node.owner}
            sx={{ minWidth: 0, flex: 1 }}
          >
            {formatOwner(node.owner)}
          </Typography>
          <Typography variant="caption" noWrap sx={{ color, fontWeight: 600 }}>
            {statusLabel(node.status)}
          </Typography>
        </Box>
      </Box>
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={false}
        style={HANDLE_STYLE}
      />
      <SideButton side="upstream" data={data} />
      <SideButton side="downstream" data={data} />
    </Box>
  );
}

export const LineageNodeCard = memo(LineageNodeCardComponent);
