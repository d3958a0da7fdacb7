import { fittedViewport } from './fitViewport';

const options = {
  nodeWidth: 200,
  nodeHeight: 50,
  minZoom: 0.005,
  maxZoom: 1.2,
  padding: 0,
};

// A fan-out: one node on the left, `count` stacked on the right.
function fan(count: number) {
  const positions: Record<string, { x: number; y: number }> = {
    focus: { x: 0, y: ((count - 1) * 100) / 2 },
  };
  for (let i = 0; i < count; i += 1) {
    positions[`n${i}`] = { x: 400, y: i * 100 };
  }
  return positions;
}

describe('fittedViewport', () => {
  it('fits a small graph whole', () => {
    const viewport = fittedViewport(fan(3), 1200, 600, {
      ...options,
      readableZoom: 0.6,
    })!;
    expect(viewport.zoom).toBeGreaterThanOrEqual(0.6);
    expect(viewport.zoom).toBeLessThanOrEqual(1.2);
  });

  it('stops at the readable zoom and centres the focus node', () => {
    const positions = fan(19);
    const whole = fittedViewport(positions, 1200, 600, options)!;
    expect(whole.zoom).toBeLessThan(0.6);

    const viewport = fittedViewport(positions, 1200, 600, {
      ...options,
      readableZoom: 0.6,
      center: 'focus',
    })!;
    expect(viewport.zoom).toBe(0.6);
    const focus = positions.focus;
    // The focus card's centre lands in the container's centre.
    expect(viewport.x + (focus.x + 100) * 0.6).toBeCloseTo(600);
    expect(viewport.y + (focus.y + 25) * 0.6).toBeCloseTo(300);
  });

  it('fits whole, however small, without a readable zoom', () => {
    const viewport = fittedViewport(fan(200), 1200, 600, options)!;
    expect(viewport.zoom).toBeLessThan(0.1);
  });

  it('has nothing to fit without nodes or a size', () => {
    expect(fittedViewport({}, 1200, 600, options)).toBeUndefined();
    expect(fittedViewport(fan(2), 0, 600, options)).toBeUndefined();
  });
});
