import { useApi } from '@backstage/core-plugin-api';
import {
  LineageDirection,
  LineageNodeKind,
} from '@data-platform/plugin-data-platform-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { dataPlatformApiRef } from '../../api';
import { markLineage } from './performanceMarks';
import {
  addExpansion,
  connectedGraph,
  ExpandSide,
  expansionKey,
  LoadedGraph,
  MergedGraph,
  removeExpansion,
} from './graph/loadedGraph';

export type LineageRequest = {
  id: string;
  kind?: LineageNodeKind;
  direction: LineageDirection;
  depth: number;
  asOf?: string;
};

export type LineageGraphState = {
  loading: boolean;
  error?: Error;
  retry: () => void;
  graph?: MergedGraph;
  /** Keys (`expansionKey`) of the expansions loaded. */
  expanded: Set<string>;
  /** Ids of nodes whose expansion is loading. */
  expanding: Set<string>;
  expandError?: Error;
  toggle: (nodeId: string, side: ExpandSide) => void;
};

/**
 * The lineage around a focus, and the expansions and collapses made on it
 * since. A new focus or new options start over from the service's answer.
 */
export function useLineageGraph(request: LineageRequest): LineageGraphState {
  const api = useApi(dataPlatformApiRef);
  const { id, kind, direction, depth, asOf } = request;
  const [loaded, setLoaded] = useState<LoadedGraph>();
  const [error, setError] = useState<Error>();
  const [attempt, setAttempt] = useState(0);
  const [expanding, setExpanding] = useState<Set<string>>(new Set());
  const [expandError, setExpandError] = useState<Error>();
  // Answers to requests made for an earlier focus or options are dropped.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    setLoaded(undefined);
    setError(undefined);
    setExpandError(undefined);
    setExpanding(new Set());
    api
      .getLineage({ id, kind, direction, depth, asOf })
      .then(graph => {
        if (generation.current !== current) return;
        // Marks when the data arrived, for the browser benchmark's
        // "data received to nodes painted".
        markLineage('lineage:data');
        setLoaded({ base: graph, expansions: [] });
      })
      .catch(e => {
        if (generation.current === current) setError(e);
      });
  }, [api, id, kind, direction, depth, asOf, attempt]);

  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;

  const toggle = useCallback(
    (nodeId: string, side: ExpandSide) => {
      const state = loadedRef.current;
      if (!state) return;
      const isExpanded = state.expansions.some(
        e => expansionKey(e.nodeId, e.side) === expansionKey(nodeId, side),
      );
      if (isExpanded) {
        setLoaded(removeExpansion(state, nodeId, side));
        return;
      }
      const current = generation.current;
      setExpandError(undefined);
      setExpanding(prev => new Set(prev).add(nodeId));
      api
        .getLineage({ id: nodeId, direction: side, depth: 1, asOf })
        .then(graph => {
          if (generation.current !== current) return;
          setLoaded(prev =>
            prev ? addExpansion(prev, { nodeId, side, graph }) : prev,
          );
        })
        .catch(e => {
          if (generation.current === current) setExpandError(e);
        })
        .finally(() => {
          if (generation.current !== current) return;
          setExpanding(prev => {
            const next = new Set(prev);
            next.delete(nodeId);
            return next;
          });
        });
    },
    [api, asOf],
  );

  const graph = useMemo(
    () => (loaded ? connectedGraph(loaded) : undefined),
    [loaded],
  );
  const expanded = useMemo(
    () => new Set(loaded?.expansions.map(e => expansionKey(e.nodeId, e.side))),
    [loaded],
  );

  return {
    loading: !loaded && !error,
    error,
    retry: () => setAttempt(a => a + 1),
    graph,
    expanded,
    expanding,
    expandError,
    toggle,
  };
}
