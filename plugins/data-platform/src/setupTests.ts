import '@testing-library/jest-dom';

// jsdom lays nothing out and has no ResizeObserver, which recharts'
// ResponsiveContainer needs to mount at all.
if (!('ResizeObserver' in globalThis)) {
  class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = ResizeObserver;
}
