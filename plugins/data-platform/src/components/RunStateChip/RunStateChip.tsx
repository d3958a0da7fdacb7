import { RunState } from '@data-platform/plugin-data-platform-common';
import Chip from '@mui/material/Chip';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import FiberNewIcon from '@mui/icons-material/FiberNew';
import SyncIcon from '@mui/icons-material/Sync';
import { runStateColor, runStateLabel } from './runStateColor';

// An icon per state, so the state reads without relying on colour alone.
const ICONS: Record<RunState, JSX.Element> = {
  NEW: <FiberNewIcon />,
  RUNNING: <SyncIcon />,
  COMPLETED: <CheckCircleIcon />,
  FAILED: <ErrorIcon />,
  ABORTED: <CancelIcon />,
};

/** A run's state as a chip coloured from the theme palette. */
export function RunStateChip(props: { state: RunState }) {
  const { state } = props;
  return (
    <Chip
      label={runStateLabel(state)}
      color={runStateColor(state)}
      icon={ICONS[state]}
      size="small"
      variant="outlined"
    />
  );
}
