import { RunState } from '@data-platform/plugin-data-platform-common';
import { Theme } from '@mui/material/styles';

/** The palette entry each run state is drawn in, chips and charts alike. */
export type RunStateColor =
  | 'success'
  | 'error'
  | 'info'
  | 'warning'
  | 'default';

const COLORS: Record<RunState, RunStateColor> = {
  COMPLETED: 'success',
  FAILED: 'error',
  RUNNING: 'info',
  ABORTED: 'warning',
  NEW: 'default',
};

export function runStateColor(state: RunState): RunStateColor {
  return COLORS[state] ?? 'default';
}

/**
 * The theme colour of a state, for drawing outside MUI components (charts).
 * Taken from the palette so the light and dark themes both hold.
 */
export function runStatePaletteColor(theme: Theme, state: RunState): string {
  const color = runStateColor(state);
  return color === 'default'
    ? theme.palette.text.secondary
    : theme.palette[color].main;
}

const LABELS: Record<RunState, string> = {
  NEW: 'New',
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  ABORTED: 'Aborted',
};

export function runStateLabel(state: RunState): string {
  return LABELS[state] ?? state;
}

export const RUN_STATES: RunState[] = [
  'NEW',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'ABORTED',
];
