import { LineageNode } from '@data-platform/plugin-data-platform-common';
import { Theme } from '@mui/material/styles';

type Status = LineageNode['status'];

const LABELS: Record<Status, string> = {
  ok: 'Healthy',
  failed: 'Failed',
  running: 'Running',
  unknown: 'Not observed yet',
};

export function statusLabel(status: Status): string {
  return LABELS[status] ?? status;
}

/**
 * The palette colour a node's status is drawn in; taken from the theme so
 * that light and dark mode both stay legible.
 */
export function statusColor(theme: Theme, status: Status): string {
  switch (status) {
    case 'ok':
      return theme.palette.success.main;
    case 'failed':
      return theme.palette.error.main;
    case 'running':
      return theme.palette.info.main;
    default:
      return theme.palette.text.secondary;
  }
}
