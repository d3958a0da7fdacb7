import {
  LineageDirection,
  LineageNodeKind,
} from '@data-platform/plugin-data-platform-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** What the explorer shows; all of it lives in the URL, to share views. */
export type LineageOptions = {
  direction: LineageDirection;
  depth: number;
  asOf?: string;
  mode: 'graph' | 'columns';
  kind?: LineageNodeKind;
  owner?: string;
  namespace?: string;
  pathFrom?: string;
  pathTo?: string;
  impact: boolean;
};

export const MAX_DEPTH = 6;

const DIRECTIONS: LineageDirection[] = ['upstream', 'downstream', 'both'];

export function parseLineageOptions(params: URLSearchParams): LineageOptions {
  const direction = params.get('direction') as LineageDirection;
  const depth = Number(params.get('depth'));
  const kind = params.get('kind');
  return {
    direction: DIRECTIONS.includes(direction) ? direction : 'both',
    depth:
      Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH ? depth : 1,
    asOf: params.get('asOf') || undefined,
    mode: params.get('mode') === 'columns' ? 'columns' : 'graph',
    kind: kind === 'endpoint' || kind === 'workflow' ? kind : undefined,
    owner: params.get('owner') || undefined,
    namespace: params.get('namespace') || undefined,
    pathFrom: params.get('pathFrom') || undefined,
    pathTo: params.get('pathTo') || undefined,
    impact: params.get('impact') === '1',
  };
}

const DEFAULTS: Record<string, string> = {
  direction: 'both',
  depth: '1',
  mode: 'graph',
};

/** Writes options into search params, leaving defaults out of the URL. */
export function writeLineageOptions(
  params: URLSearchParams,
  change: Partial<LineageOptions>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(change)) {
    let text: string | undefined;
    if (typeof value === 'boolean') text = value ? '1' : undefined;
    else if (value !== undefined && value !== '') text = String(value);
    if (text === undefined || DEFAULTS[key] === text) next.delete(key);
    else next.set(key, text);
  }
  return next;
}

/** The explorer's options, read from and written to the URL's query. */
export function useLineageOptions(): [
  LineageOptions,
  (change: Partial<LineageOptions>) => void,
] {
  const [params, setParams] = useSearchParams();
  const options = useMemo(() => parseLineageOptions(params), [params]);
  const update = useCallback(
    (change: Partial<LineageOptions>) =>
      setParams(prev => writeLineageOptions(prev, change), { replace: true }),
    [setParams],
  );
  return [options, update];
}
