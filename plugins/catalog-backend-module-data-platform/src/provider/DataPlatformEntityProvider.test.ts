import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  EndpointDetail,
  EndpointSummary,
  WorkflowDetail,
} from '@data-platform/plugin-data-platform-common';
import { DataPlatformService } from '@data-platform/plugin-data-platform-node';
import { ProviderConfig } from '../config/readProviderConfig';
import { DataPlatformEntityProvider } from './DataPlatformEntityProvider';

// The module's test runs the provider against the real metadata service;
// these cover what that service does not do on demand: items vanishing
// between a page and their detail, and failing requests.

const config: ProviderConfig = {
  schedule: { frequency: { minutes: 10 }, timeout: { minutes: 15 } },
  lifecycle: 'production',
  pageSize: 2,
  appBaseUrl: 'https://backstage.example.com',
};

function endpoint(id: string, namespace = 'ns'): EndpointDetail {
  return {
    id,
    namespace,
    name: id,
    tags: [],
    fieldCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    aliases: [],
    partitions: { count: 0 },
    producers: [],
    consumers: [],
  };
}

async function notFound(): Promise<never> {
  throw await ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name: 'NotFoundError' } }), {
      status: 404,
      headers: { 'content-type': 'application/json' },
    }),
  );
}

// The methods a test gives, loosely typed: the service's take `id` as
// `string | undefined`.
type Methods = Record<string, (...args: any[]) => Promise<unknown>>;

function setUp(service: Methods, namespaces?: string[]) {
  const dataPlatform = {
    listEndpoints: jest.fn(async () => ({ items: [] })),
    listWorkflows: jest.fn(async () => ({ items: [] })),
    ...service,
  } as unknown as DataPlatformService;
  const provider = new DataPlatformEntityProvider({
    config: { ...config, namespaces },
    dataPlatform,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    scheduler: mockServices.scheduler.mock(),
  });
  const connection = {
    applyMutation: jest.fn(async () => {}),
    refresh: jest.fn(async () => {}),
  } satisfies EntityProviderConnection;
  return { provider, connection, dataPlatform };
}

describe('DataPlatformEntityProvider', () => {
  it('skips an endpoint deleted between its page and its detail', async () => {
    const { provider, connection } = setUp({
      listEndpoints: async () => ({
        items: [endpoint('a'), endpoint('gone')] as EndpointSummary[],
      }),
      getEndpoint: async (id: string) =>
        id === 'gone' ? notFound() : endpoint(id),
    });
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      endpoints: 1,
      workflows: 0,
    });
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          entity: expect.objectContaining({
            metadata: expect.objectContaining({ title: 'a' }),
          }),
        }),
      ],
    });
  });

  it('applies nothing when a request fails, so the catalog keeps the last sync', async () => {
    const { provider, connection } = setUp({
      listEndpoints: async () => ({
        items: [endpoint('a')] as EndpointSummary[],
      }),
      getEndpoint: async (id: string) => endpoint(id),
      listWorkflows: async () => ({
        items: [{ id: 'w' }] as WorkflowDetail[],
      }),
      getWorkflow: async () => {
        throw await ResponseError.fromResponse(
          new Response('{}', {
            status: 503,
            headers: { 'content-type': 'application/json' },
          }),
        );
      },
    });
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toBeInstanceOf(ResponseError);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('lists each configured namespace, page by page', async () => {
    const pages: Record<string, { items: EndpointSummary[]; next?: string }> = {
      'one:': { items: [endpoint('a', 'one')], next: 'c1' },
      'one:c1': { items: [endpoint('b', 'one')] },
      'two:': { items: [endpoint('c', 'two')] },
    };
    const listEndpoints = jest.fn(
      async (filters: { namespace?: string; cursor?: string }) => {
        const page = pages[`${filters.namespace}:${filters.cursor ?? ''}`];
        return { items: page.items, nextCursor: page.next };
      },
    );
    const { provider, connection } = setUp(
      {
        listEndpoints,
        getEndpoint: async (id: string) => endpoint(id),
      },
      ['one', 'two'],
    );
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      endpoints: 3,
      workflows: 0,
    });
    expect(listEndpoints.mock.calls.map(([filters]) => filters)).toEqual([
      { namespace: 'one', limit: 2, cursor: undefined },
      { namespace: 'one', limit: 2, cursor: 'c1' },
      { namespace: 'two', limit: 2, cursor: undefined },
    ]);
  });

  it('refuses to sync before the catalog connected it', async () => {
    const { provider } = setUp({});
    await expect(provider.refresh()).rejects.toThrow(/not connected/);
  });
});
