import { useEffect, useState } from 'react';
import { LayoutInput, LayoutPositions } from './layeredLayout';
import { runLayout } from './layoutRunner';
import { markLineage } from '../performanceMarks';

/**
 * The positions of a graph's nodes, computed off the main thread. Until a
 * new layout arrives the previous one stays, so an expansion does not
 * blank the graph.
 */
export function useLayeredLayout(input: LayoutInput | undefined) {
  const [state, setState] = useState<{
    input?: LayoutInput;
    positions?: LayoutPositions;
    thread?: 'worker' | 'main';
    error?: Error;
  }>({});

  useEffect(() => {
    if (!input) return undefined;
    let cancelled = false;
    runLayout(input).then(
      ({ positions, thread }) => {
        if (cancelled) return;
        markLineage('lineage:layout');
        setState({ input, positions, thread });
      },
      error => {
        if (!cancelled) setState({ input, error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [input]);

  return {
    positions: state.positions,
    error: state.error,
    /** Where the layout shown was computed: `worker` or `main`. */
    thread: state.thread,
    /** True while the latest graph's layout is being computed. */
    pending: !!input && state.input !== input,
  };
}
