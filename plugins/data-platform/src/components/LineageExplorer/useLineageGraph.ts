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
  addPage,
  connectedGraph,
  ExpandSide,
  expansionKey,
  LoadedGraph,
  MergedGraph,
  nextPage,
  pagedSides,
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
  /** Per node, the sides with a further page of neighbours to load. */
  paged: Map<string, Record<ExpandSide, boolean>>;
  /** Loads and merges the next page of a node's neighbours on one side. */
  loadMore: (nodeId: string, side: ExpandSide) => void;
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
        setLoaded({
          base: graph,
          // A depth-1 answer on one side is the first page of the focus's
          // neighbours there.
          baseSide: depth === 1 && direction !== 'both' ? direction : undefined,
          expansions: [],
        });
      })
      .catch(e => {
        if (generation.current === current) setError(e);
      });
  }, [api, id, kind, direction, depth, asOf, attempt]);

  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;

  // Marks a node as loading while `load` runs, and reports its failure.
  const loadFor = useCallback(
    (
      nodeId: string,
      load: () => Promise<(prev: LoadedGraph) => LoadedGraph>,
    ) => {
      const current = generation.current;
      setExpandError(undefined);
      setExpanding(prev => new Set(prev).add(nodeId));
      load()
        .then(update => {
          if (generation.current !== current) return;
          setLoaded(prev => (prev ? update(prev) : prev));
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
    [],
  );

  const loadMore = useCallback(
    (nodeId: string, side: ExpandSide) => {
      const state = loadedRef.current;
      const after = state && nextPage(state, nodeId, side);
      if (!after) return;
      loadFor(nodeId, async () => {
        const page = await api.getLineage({
          id: nodeId,
          direction: side,
          depth: 1,
          asOf,
          after,
        });
        return prev => addPage(prev, nodeId, side, page);
      });
    },
    [api, asOf, loadFor],
  );

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
      loadFor(nodeId, async () => {
        const graph = await api.getLineage({
          id: nodeId,
          direction: side,
          depth: 1,
          asOf,
        });
        return prev => addExpansion(prev, { nodeId, side, graph });
      });
    },
    [api, asOf, loadFor],
  );

  const graph = useMemo(
    () => (loaded ? connectedGraph(loaded) : undefined),
    [loaded],
  );
  const expanded = useMemo(
    () => new Set(loaded?.expansions.map(e => expansionKey(e.nodeId, e.side))),
    [loaded],
  );

  const paged = useMemo(
    () => (loaded ? pagedSides(loaded) : new Map()),
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
    paged,
    loadMore,
  };
}
