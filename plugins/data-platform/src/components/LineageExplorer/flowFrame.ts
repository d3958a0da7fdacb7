import { Theme } from '@mui/material/styles';

/**
 * The frame around a React Flow canvas, the table-level and the column-level
 * graph alike: a bordered box whose zoom controls follow the theme (React
 * Flow draws them light whatever the theme is).
 */
export function flowFrameSx(theme: Theme) {
  return {
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
  };
}

/**
 * The graphs are to be read, not edited: nothing drags, connects or is
 * selected, and React Flow adds no focus stops of its own to the tab order.
 */
export const READ_ONLY_FLOW = {
  nodesDraggable: false,
  nodesConnectable: false,
  nodesFocusable: false,
  edgesFocusable: false,
  elementsSelectable: false,
} as const;
