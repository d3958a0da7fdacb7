// Test support only: imported by *.test.tsx files, never by the plugin.
import {
  DATA_PLATFORM_API_METHODS,
  DataPlatformApi,
  EndpointDetail,
  EndpointSummary,
  RunSummary,
  WorkflowDetail,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';

/**
 * A DataPlatformApi whose every method is a jest mock that fails until a
 * test says what it answers, so a test notices calls it did not expect.
 */
export function mockDataPlatformApi(): jest.Mocked<DataPlatformApi> {
  const api: Record<string, jest.Mock> = {};
  for (const method of DATA_PLATFORM_API_METHODS) {
    api[method] = jest.fn(async () => {
      throw new Error(`${method} was not mocked`);
    });
  }
  return api as unknown as jest.Mocked<DataPlatformApi>;
}

export function endpointSummary(
  overrides: Partial<EndpointSummary> = {},
): EndpointSummary {
  return {
    id: 'ep-orders',
    namespace: 'postgres://warehouse:5432',
    name: 'public.orders',
    description: 'One row per order placed in the shop.',
    owner: 'group:default/team-a',
    tags: ['pii', 'gold'],
    fieldCount: 7,
    schemaVersion: 3,
    lastPartition: {
      key: 'ds=2026-11-24',
      landedAt: '2026-11-25T02:00:00.000Z',
    },
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-11-25T02:00:00.000Z',
    ...overrides,
  };
}

export function endpointDetail(
  overrides: Partial<EndpointDetail> = {},
): EndpointDetail {
  return {
    ...endpointSummary(),
    aliases: [{ namespace: 'bigquery', name: 'shop.orders', type: 'TABLE' }],
    storage: { storageLayer: 'iceberg', fileFormat: 'parquet' },
    dataSource: { name: 'warehouse', uri: 'postgres://warehouse:5432' },
    schema: {
      version: 3,
      createdAt: '2026-11-20T08:00:00.000Z',
      fields: [
        { name: 'order_id', type: 'BIGINT', description: 'Primary key' },
        {
          name: 'customer',
          type: 'STRUCT',
          description: 'Who ordered',
          fields: [
            { name: 'email', type: 'VARCHAR', description: 'Contact' },
            {
              name: 'address',
              type: 'STRUCT',
              fields: [{ name: 'city', type: 'VARCHAR' }],
            },
          ],
        },
        { name: 'amount', type: 'DECIMAL(10,2)' },
      ],
    },
    partitions: {
      count: 42,
      latest: {
        endpointId: 'ep-orders',
        endpoint: {
          id: 'ep-orders',
          namespace: 'postgres://shop',
          name: 'public.orders',
        },
        key: 'ds=2026-11-24',
        runId: '0190b5c2-aaaa-7bbb-8ccc-111111111111',
        workflow: { id: 'wf-load', namespace: 'airflow', name: 'load_orders' },
        landedAt: '2026-11-25T02:00:00.000Z',
        rowCount: 1200,
        bytes: 1536,
      },
    },
    producers: [{ id: 'wf-load', namespace: 'airflow', name: 'load_orders' }],
    consumers: [{ id: 'wf-report', namespace: 'dbt', name: 'daily_revenue' }],
    ...overrides,
  };
}

export function runSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id: '0190b5c2-aaaa-7bbb-8ccc-111111111111',
    workflowId: 'wf-load',
    state: 'COMPLETED',
    nominalStartTime: '2026-11-24T00:00:00.000Z',
    startedAt: '2026-11-25T01:00:00.000Z',
    endedAt: '2026-11-25T01:01:31.000Z',
    durationMs: 91_000,
    updatedAt: '2026-11-25T01:01:31.000Z',
    ...overrides,
  };
}

export function workflowSummary(
  overrides: Partial<WorkflowSummary> = {},
): WorkflowSummary {
  return {
    id: 'wf-load',
    namespace: 'airflow',
    name: 'load_orders',
    description: 'Loads the shop orders into the warehouse.',
    owner: 'group:default/team-a',
    tags: ['daily'],
    jobType: {
      processingType: 'BATCH',
      jobType: 'TASK',
      integration: 'AIRFLOW',
    },
    latestRun: runSummary(),
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-11-25T01:01:31.000Z',
    ...overrides,
  };
}

export function workflowDetail(
  overrides: Partial<WorkflowDetail> = {},
): WorkflowDetail {
  return {
    ...workflowSummary(),
    sql: {
      query: 'INSERT INTO public.orders SELECT * FROM staging.orders',
      dialect: 'postgres',
    },
    sourceCodeLocation: {
      type: 'git',
      url: 'https://github.com/example/pipelines/blob/main/dags/load_orders.py',
      path: 'dags/load_orders.py',
      branch: 'main',
    },
    parent: { id: 'wf-parent', namespace: 'airflow', name: 'shop_dag' },
    inputs: [
      {
        id: 'ep-staging',
        namespace: 'postgres://warehouse:5432',
        name: 'staging.orders',
      },
    ],
    outputs: [
      {
        id: 'ep-orders',
        namespace: 'postgres://warehouse:5432',
        name: 'public.orders',
      },
    ],
    ...overrides,
  };
}
