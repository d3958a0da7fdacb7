import { LayoutInput, LayoutPositions, layeredLayout } from './layeredLayout';
import type { LayoutRequest, LayoutResponse } from './layout.worker';

type Pending = {
  resolve: (positions: LayoutPositions) => void;
  reject: (error: Error) => void;
};

let worker: Worker | undefined;
let workerFailed = false;
let nextRequestId = 1;
const pending = new Map<number, Pending>();

function startWorker(): Worker | undefined {
  if (worker || workerFailed) return worker;
  if (typeof Worker === 'undefined') {
    workerFailed = true;
    return undefined;
  }
  try {
    // The bundler (rspack, as webpack 5 does) sees this pattern and emits
    // the worker as its own chunk with dagre inside it.
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url));
  } catch {
    workerFailed = true;
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const request = pending.get(event.data.requestId);
    if (!request) return;
    pending.delete(event.data.requestId);
    if ('error' in event.data) {
      request.reject(new Error(event.data.error));
    } else {
      request.resolve(event.data.positions);
    }
  };
  worker.onerror = () => {
    // A worker that cannot start (blocked by a content security policy,
    // say) must not leave the graph without a layout.
    workerFailed = true;
    worker?.terminate();
    worker = undefined;
    const waiting = [...pending.values()];
    pending.clear();
    for (const request of waiting) request.reject(new Error('worker failed'));
  };
  return worker;
}

function layoutInThread(input: LayoutInput): Promise<LayoutPositions> {
  return new Promise((resolve, reject) => {
    // A task of its own, so that a spinner paints before the work starts.
    setTimeout(() => {
      try {
        resolve(layeredLayout(input));
      } catch (error) {
        reject(error);
      }
    }, 0);
  });
}

/**
 * Starts the layout worker ahead of the first layout, so that its script
 * loads while the lineage request is under way.
 */
export function prepareLayoutWorker() {
  startWorker();
}

/**
 * Lays a graph out in the layout worker, or on the main thread where
 * workers are unavailable (tests in jsdom) or failed to start.
 */
export async function runLayout(
  input: LayoutInput,
): Promise<{ positions: LayoutPositions; thread: 'worker' | 'main' }> {
  const target = startWorker();
  if (!target)
    return { positions: await layoutInThread(input), thread: 'main' };
  const requestId = nextRequestId++;
  const message: LayoutRequest = { requestId, input };
  try {
    const positions = await new Promise<LayoutPositions>((resolve, reject) => {
      pending.set(requestId, { resolve, reject });
      target.postMessage(message);
    });
    return { positions, thread: 'worker' };
  } catch {
    return { positions: await layoutInThread(input), thread: 'main' };
  }
}
