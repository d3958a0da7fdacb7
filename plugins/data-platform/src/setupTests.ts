import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

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

// Pages load lazily, and CI runs suites side by side on two cores: give
// findBy* queries a ceiling that a loaded machine still meets. Nothing
// waits for it when the content is there.
configure({ asyncUtilTimeout: 10_000 });
