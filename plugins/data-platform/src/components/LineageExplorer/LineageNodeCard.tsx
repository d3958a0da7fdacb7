import { LineageNode } from '@data-platform/plugin-data-platform-common';
import { Theme } from '@mui/material/styles';
import { Handle, Node, NodeProps, Position, useStore } from '@xyflow/react';
import { memo, MouseEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { formatOwner } from '../format';
import { truncateMiddle } from '../Names';
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
  /**
   * Per side with a further page of neighbours to load, how many are not
   * shown yet; undefined where everything loaded.
   */
  more: Record<ExpandSide, number | undefined>;
  /** True while an expansion of this node is loading. */
  loading: boolean;
  /** Drawn faded: a path is highlighted and this node is not on it. */
  dimmed: boolean;
  onPath: boolean;
  /** Part of a large graph, drawn as a bare status box when zoomed out. */
  large: boolean;
  /** Its details are open in the side panel. */
  selected: boolean;
  onToggle: (nodeId: string, side: ExpandSide) => void;
  onMore: (nodeId: string, side: ExpandSide) => void;
  /** Opens the node's details in the side panel. */
  onSelect: (nodeId: string) => void;
};

export type LineageFlowNode = Node<LineageNodeData, 'lineage'>;

// About as many characters of a name as fit on a card's title line. Longer
// names lose their middle, not their end: the names of one platform share
// their start and differ in their last segments. CSS still clips with an
// ellipsis whatever a wide font leaves over.
const NAME_CHARS = 17;

// Below this zoom a card's text is too small to read; in a large graph the
// card is then drawn as a bare box, which keeps drawing and panning a
// thousand of them fast.
const DETAIL_ZOOM = 0.35;

const zoomedOut = (s: { transform: [number, number, number] }) =>
  s.transform[2] < DETAIL_ZOOM;

// Edges attach here; the expand buttons sit on top and are what shows.
const HANDLE_STYLE = { opacity: 0, pointerEvents: 'none' as const };

const ICON_PATHS = {
  endpoint:
    'M20 3H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h15c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2m0 2v3H5V5zm-5 14h-5v-9h5zM5 10h3v9H5zm12 9v-9h3v9z',
  workflow:
    'M22 11V3h-7v3H9V3H2v8h7V8h2v10h4v3h7v-8h-7v3h-2V8h2v3zM7 9H4V5h3zm10 6h3v4h-3zm0-10h3v4h-3z',
};

/**
 * The styles of every node card, set once on the graph's container: a
 * thousand cards each computing its own styles (MUI `sx`) is what made
 * large graphs slow to draw.
 */
export function lineageNodeStyles(theme: Theme) {
  const focusRing = `3px solid ${theme.palette.primary.main}`;
  return {
    '& .dp-node': {
      position: 'relative',
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      boxSizing: 'border-box',
      display: 'flex',
      borderRadius: 4,
      border: `1px solid ${theme.palette.divider}`,
      backgroundColor: theme.palette.background.paper,
      color: theme.palette.text.primary,
      boxShadow: theme.shadows[1],
      cursor: 'pointer',
      fontFamily: theme.typography.fontFamily,
      '&:focus-within': { outline: focusRing, outlineOffset: 2 },
    },
    '& .dp-node--focus': {
      border: `2px solid ${theme.palette.primary.main}`,
      backgroundColor:
        theme.palette.mode === 'dark'
          ? theme.palette.grey[800]
          : theme.palette.grey[100],
    },
    '& .dp-node--path': { border: `2px solid ${theme.palette.primary.main}` },
    '& .dp-node--selected': {
      outline: `3px solid ${theme.palette.secondary.main}`,
      outlineOffset: 2,
    },
    '& .dp-node:focus-visible': { outline: focusRing, outlineOffset: 2 },
    '& .dp-node--dimmed': { opacity: 0.35 },
    // A blurred shadow under each of a thousand boxes is what software
    // rendering spends its frames on while panning; too small to see there.
    '& .dp-node--compact': { boxShadow: 'none' },
    '& .dp-node__status': {
      width: 6,
      flexShrink: 0,
      borderRadius: '4px 0 0 4px',
    },
    '& .dp-node__body': {
      minWidth: 0,
      flex: 1,
      padding: '6px 12px',
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
    },
    '& .dp-node__title': {
      display: 'flex',
      alignItems: 'center',
      gap: 6,
      fontSize: 14,
      fontWeight: 600,
      minWidth: 0,
    },
    '& .dp-node__title svg': {
      width: 18,
      height: 18,
      flexShrink: 0,
      fill: theme.palette.text.secondary,
    },
    '& .dp-node__name': {
      color: 'inherit',
      textDecoration: 'none',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      '&:hover': { textDecoration: 'underline' },
      '&:focus-visible': { outline: 'none', textDecoration: 'underline' },
    },
    '& .dp-node__line': {
      display: 'flex',
      gap: 8,
      fontSize: 12,
      color: theme.palette.text.secondary,
      minWidth: 0,
      '& > span': {
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
      },
      '& > span:first-of-type': { flex: 1, minWidth: 0 },
    },
    '& .dp-node__state': { fontWeight: 600, flexShrink: 0 },
    '& .dp-node__side': {
      position: 'absolute',
      top: '50%',
      transform: 'translateY(-50%)',
      minWidth: 28,
      height: 22,
      padding: '0 4px',
      border: 0,
      borderRadius: 11,
      fontSize: 12,
      fontWeight: 600,
      fontFamily: theme.typography.fontFamily,
      cursor: 'pointer',
      color: theme.palette.primary.contrastText,
      backgroundColor: theme.palette.primary.main,
      '&:focus-visible': {
        outline: `2px solid ${theme.palette.text.primary}`,
        outlineOffset: 2,
      },
      '&:disabled': { cursor: 'progress', opacity: 0.6 },
    },
    ...Object.fromEntries(
      (['ok', 'failed', 'running', 'unknown'] as const).map(status => [
        `& .dp-status--${status}`,
        {
          '& .dp-node__status': {
            backgroundColor: statusColor(theme, status),
          },
          '& .dp-node__state': { color: statusColor(theme, status) },
        },
      ]),
    ),
    '& .dp-node__more': {
      position: 'absolute',
      bottom: -11,
      height: 20,
      padding: '0 6px',
      borderRadius: 10,
      border: `1px solid ${theme.palette.primary.main}`,
      fontSize: 11,
      fontWeight: 600,
      fontFamily: theme.typography.fontFamily,
      whiteSpace: 'nowrap',
      cursor: 'pointer',
      color: theme.palette.primary.main,
      backgroundColor: theme.palette.background.paper,
      '&:focus-visible': {
        outline: `2px solid ${theme.palette.text.primary}`,
        outlineOffset: 2,
      },
      '&:disabled': { cursor: 'progress', opacity: 0.6 },
    },
    '& .dp-node__more--upstream': { left: 8 },
    '& .dp-node__more--downstream': { right: 8 },
    '& .dp-node__side--upstream': { left: -14 },
    '& .dp-node__side--downstream': { right: -14 },
    '& .dp-node__side--expanded': {
      backgroundColor: theme.palette.text.secondary,
      color: theme.palette.background.paper,
    },
  };
}

function SideButton(props: { side: ExpandSide; data: LineageNodeData }) {
  const { side, data } = props;
  const expanded = data.expanded[side];
  const hidden = data.hidden[side];
  // Where further pages are to load, the "more" button loads them.
  if (!expanded && (hidden === 0 || data.more[side] !== undefined)) {
    return null;
  }
  const label = expanded
    ? `Collapse ${side} of ${data.node.name}`
    : `Expand ${side} of ${data.node.name} (${hidden} more)`;
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    data.onToggle(data.node.id, side);
  };
  return (
    <button
      type="button"
      className={`nodrag nopan dp-node__side dp-node__side--${side}${
        expanded ? ' dp-node__side--expanded' : ''
      }`}
      aria-label={label}
      title={label}
      disabled={data.loading}
      onClick={onClick}
    >
      {expanded ? '−' : `+${hidden}`}
    </button>
  );
}

/** Loads the next page of a wide node's neighbours on one side. */
function MoreButton(props: { side: ExpandSide; data: LineageNodeData }) {
  const { side, data } = props;
  const more = data.more[side];
  if (more === undefined) return null;
  const count = more > 0 ? `${more} ` : '';
  const label = `Show ${count}more ${side} of ${data.node.name}`;
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    data.onMore(data.node.id, side);
  };
  return (
    <button
      type="button"
      className={`nodrag nopan dp-node__more dp-node__more--${side}`}
      aria-label={label}
      title={label}
      disabled={data.loading}
      onClick={onClick}
    >
      {`${side === 'upstream' ? '← ' : ''}${count}more${
        side === 'downstream' ? ' →' : ''
      }`}
    </button>
  );
}

/**
 * A node of the lineage graph: kind, name, namespace, owner and the status
 * colour, with buttons on its sides to load or fold its neighbours. A
 * click on the card, or Enter on it, opens its details in the graph's side
 * panel; the name is the link to the node's page. Styled by
 * `lineageNodeStyles` on the container.
 */
function LineageNodeCardComponent(props: NodeProps<LineageFlowNode>) {
  const { data } = props;
  const { node } = data;
  const compact = useStore(zoomedOut) && data.large;
  const classes = ['dp-node', `dp-status--${node.status}`];
  if (data.isFocus) classes.push('dp-node--focus');
  if (data.onPath) classes.push('dp-node--path');
  if (data.dimmed) classes.push('dp-node--dimmed');
  if (compact) classes.push('dp-node--compact');
  if (data.selected) classes.push('dp-node--selected');
  const kind = node.kind === 'endpoint' ? 'Endpoint' : 'Workflow';
  return (
    // The card is one tab stop that Enter or Space opens in the details
    // panel; the name inside stays the link to the page.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      className={classes.join(' ')}
      role="group"
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      aria-label={`${kind} ${node.name}: Enter shows details`}
      aria-current={data.selected || undefined}
      onKeyDown={event => {
        if (
          event.target === event.currentTarget &&
          (event.key === 'Enter' || event.key === ' ')
        ) {
          event.preventDefault();
          data.onSelect(node.id);
        }
      }}
      data-testid={`lineage-node-${node.id}`}
      data-focus={data.isFocus || undefined}
      data-on-path={data.onPath || undefined}
    >
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={false}
        style={HANDLE_STYLE}
      />
      <div className="dp-node__status" aria-hidden />
      {compact ? (
        <div className="dp-node__body" title={node.name} />
      ) : (
        <div className="dp-node__body">
          <div className="dp-node__title">
            <svg viewBox="0 0 24 24" role="img">
              <title>
                {node.kind === 'endpoint' ? 'Endpoint' : 'Workflow'}
              </title>
              <path d={ICON_PATHS[node.kind]} />
            </svg>
            <RouterLink
              className="dp-node__name"
              to={data.href}
              title={`${node.namespace}/${node.name}`}
              aria-label={node.name}
            >
              {truncateMiddle(node.name, NAME_CHARS)}
            </RouterLink>
          </div>
          <div className="dp-node__line">
            <span title={node.namespace}>{node.namespace}</span>
          </div>
          <div className="dp-node__line">
            <span title={node.owner}>{formatOwner(node.owner)}</span>
            <span className="dp-node__state">{statusLabel(node.status)}</span>
          </div>
        </div>
      )}
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={false}
        style={HANDLE_STYLE}
      />
      {!compact && <SideButton side="upstream" data={data} />}
      {!compact && <SideButton side="downstream" data={data} />}
      {!compact && <MoreButton side="upstream" data={data} />}
      {!compact && <MoreButton side="downstream" data={data} />}
    </div>
  );
}

export const LineageNodeCard = memo(LineageNodeCardComponent);
