// Runs in a Web Worker: dagre on a thousand nodes takes long enough to
// drop frames if it ran on the main thread.
import { LayoutInput, layeredLayout } from './layeredLayout';

type Scope = {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
};

export type LayoutRequest = { requestId: number; input: LayoutInput };
export type LayoutResponse =
  | { requestId: number; positions: ReturnType<typeof layeredLayout> }
  | { requestId: number; error: string };

const scope = self as unknown as Scope;

scope.onmessage = event => {
  const { requestId, input } = event.data;
  try {
    scope.postMessage({ requestId, positions: layeredLayout(input) });
  } catch (error) {
    scope.postMessage({ requestId, error: String(error) });
  }
};
