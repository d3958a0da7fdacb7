import { LineageNode } from '@data-platform/plugin-data-platform-common';

/**
 * An endpoint is failed when a workflow that currently writes it failed its
 * latest run, ok when data has landed, else unknown.
 */
export function endpointStatus(
  producerFailed: boolean,
  lastUpdatedAt?: string,
): LineageNode['status'] {
  if (producerFailed) return 'failed';
  return lastUpdatedAt ? 'ok' : 'unknown';
}

export function runStatus(state?: string): LineageNode['status'] {
  switch (state) {
    case 'COMPLETED':
      return 'ok';
    case 'FAILED':
    case 'ABORTED':
      return 'failed';
    case 'RUNNING':
      return 'running';
    default:
      return 'unknown';
  }
}
