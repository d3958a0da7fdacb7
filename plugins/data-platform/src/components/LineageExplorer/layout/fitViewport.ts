import { getViewportForBounds, Viewport } from '@xyflow/react';
import type { LayoutPositions } from './layeredLayout';

export type FitOptions = {
  nodeWidth: number;
  nodeHeight: number;
  minZoom: number;
  maxZoom: number;
  padding: number;
  /**
   * The least zoom a fit may choose, so that cards stay readable: a graph
   * that would need less opens at this zoom, centred on `center`, and the
   * user pans to the rest. Left out, the fit shows the whole graph however
   * small (large graphs, drawn as bare boxes when zoomed out).
   */
  readableZoom?: number;
  /** The node to centre on when the whole graph does not fit readably. */
  center?: string;
};

/**
 * The viewport that fits a layout into a container of the given size, as
 * React Flow's `fitView` would once every node is measured: computing it up
 * front lets the first render already be the fitted one.
 */
export function fittedViewport(
  positions: LayoutPositions,
  width: number,
  height: number,
  options: FitOptions,
): Viewport | undefined {
  const { nodeWidth, nodeHeight } = options;
  const corners = Object.values(positions);
  if (corners.length === 0 || width <= 0 || height <= 0) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of corners) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + nodeWidth);
    maxY = Math.max(maxY, y + nodeHeight);
  }
  const fitted = getViewportForBounds(
    { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
    width,
    height,
    options.minZoom,
    options.maxZoom,
    options.padding,
  );
  const { readableZoom } = options;
  if (readableZoom === undefined || fitted.zoom >= readableZoom) {
    return fitted;
  }
  const focus = options.center ? positions[options.center] : undefined;
  const centreX = focus ? focus.x + nodeWidth / 2 : (minX + maxX) / 2;
  const centreY = focus ? focus.y + nodeHeight / 2 : (minY + maxY) / 2;
  return {
    x: width / 2 - centreX * readableZoom,
    y: height / 2 - centreY * readableZoom,
    zoom: readableZoom,
  };
}
