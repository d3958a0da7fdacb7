import { createStartupGate } from './startupGate';

function fakeLifecycle() {
  const hooks: Array<() => void | Promise<void>> = [];
  return {
    addStartupHook: (hook: () => void | Promise<void>) => {
      hooks.push(hook);
    },
    startup: async () => {
      for (const hook of hooks) await hook();
    },
  };
}

function call(
  gate: ReturnType<typeof createStartupGate>,
  url: string,
): {
  passed: boolean;
  status?: number;
  headers: Record<string, string>;
  body?: string;
} {
  const headers: Record<string, string> = {};
  const result: ReturnType<typeof call> = { passed: false, headers };
  const res = {
    statusCode: 200,
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    end: (body: string) => {
      result.status = res.statusCode;
      result.body = body;
    },
  };
  gate({ method: 'POST', url }, res, () => {
    result.passed = true;
  });
  return result;
}

describe('createStartupGate', () => {
  it('answers 503 with Retry-After on the held paths until the backend has started', async () => {
    const lifecycle = fakeLifecycle();
    const gate = createStartupGate({ lifecycle, retryAfterSeconds: 2 });

    const early = call(gate, '/api/data-platform/v1/lineage');
    expect(early).toMatchObject({
      passed: false,
      status: 503,
      headers: { 'retry-after': '2' },
    });
    expect(JSON.parse(early.body!).error.name).toBe('ServiceUnavailableError');
    expect(call(gate, '/api/data-platform?x=1').status).toBe(503);
    expect(call(gate, '/api/data-platform').status).toBe(503);
    // Other plugins, the app and the health checks are not held.
    expect(call(gate, '/api/catalog/entities').passed).toBe(true);
    expect(call(gate, '/api/data-platform-other').passed).toBe(true);
    expect(call(gate, '/.backstage/health/v1/readiness').passed).toBe(true);

    await lifecycle.startup();
    expect(call(gate, '/api/data-platform/v1/lineage').passed).toBe(true);
  });

  it('holds the paths it is given', () => {
    const gate = createStartupGate({
      lifecycle: fakeLifecycle(),
      paths: ['/api/catalog'],
    });
    expect(call(gate, '/api/catalog/entities')).toMatchObject({
      status: 503,
      headers: { 'retry-after': '1' },
    });
    expect(call(gate, '/api/data-platform/v1/lineage').passed).toBe(true);
  });
});
