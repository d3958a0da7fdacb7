import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom lays nothing out and has no ResizeObserver, which recharts'
// ResponsiveContainer and React Flow need to mount at all. React Flow's
// testing guide (reactflow.dev/learn/advanced-use/testing) adds the rest:
// an observer that reports at once, DOMMatrixReadOnly for the viewport's
// zoom, element sizes from inline styles, and getBBox for edge labels.
class ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const el = target as HTMLElement;
    this.callback(
      [
        {
          target,
          contentRect: { width: el.offsetWidth, height: el.offsetHeight },
        } as unknown as ResizeObserverEntry,
      ],
      this as unknown as globalThis.ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver = ResizeObserver;

class DOMMatrixReadOnly {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}
(globalThis as { DOMMatrixReadOnly?: unknown }).DOMMatrixReadOnly =
  DOMMatrixReadOnly;

Object.defineProperties(HTMLElement.prototype, {
  offsetHeight: {
    get() {
      return parseFloat((this as HTMLElement).style.height) || 1;
    },
  },
  offsetWidth: {
    get() {
      return parseFloat((this as HTMLElement).style.width) || 1;
    },
  },
});
(SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
  ({ x: 0, y: 0, width: 0, height: 0 } as DOMRect);

// Pages load lazily, and CI runs suites side by side on two cores: give
// findBy* queries a ceiling that a loaded machine still meets. Nothing
// waits for it when the content is there.
configure({ asyncUtilTimeout: 10_000 });

// Journeys through the whole app render hundreds of components; on a loaded
// two-core CI machine one took over jest's default 5 s. The limit only stops
// a hung test, so it is generous.
jest.setTimeout(30_000);
