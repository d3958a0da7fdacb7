import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { DataPlatformService } from '@data-platform/plugin-data-platform-node';
import { DataPlatformDeclarationProcessor } from './DeclarationProcessor';

// The real catalog shows these errors in declarationsInTheCatalog.test.ts;
// here, what it cannot show on demand: an outage of the metadata service,
// and the entities the processor must leave alone.

const location = { type: 'url', target: 'https://git.example.com/c.yaml' };

function entity(
  annotations: Record<string, string>,
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders', annotations },
    spec: { type: 'dataset', owner: 'commerce', ...spec },
  };
}

const declaring = {
  'data-platform.io/openlineage-namespace': 'bigquery',
  'data-platform.io/openlineage-name': 'analytics.orders',
};

async function process(input: Entity, listEndpoints: () => Promise<unknown>) {
  const logger = mockServices.logger.mock();
  const dataPlatform = {
    listEndpoints: jest.fn(listEndpoints),
  } as unknown as DataPlatformService;
  const processor = new DataPlatformDeclarationProcessor({
    dataPlatform,
    auth: mockServices.auth(),
    logger,
  });
  const emitted: CatalogProcessorResult[] = [];
  const output = await processor.postProcessEntity(input, location, result =>
    emitted.push(result),
  );
  expect(output).toBe(input);
  const messages = emitted.map(r =>
    r.type === 'error' ? r.error.message : r.type,
  );
  return { messages, logger, dataPlatform };
}

describe('DataPlatformDeclarationProcessor', () => {
  it('reports nothing it cannot check when the metadata service is down', async () => {
    const { messages, logger } = await process(entity(declaring), async () => {
      throw new Error('ECONNREFUSED');
    });
    expect(messages).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('not checked'),
    );
  });

  it('still reports the problems it can check without the service', async () => {
    const { messages } = await process(
      entity(declaring, { dataPlatform: { retention: 'forever' } }),
      async () => {
        throw new Error('ECONNREFUSED');
      },
    );
    expect(messages).toEqual([
      expect.stringMatching(/^spec\.dataPlatform\.retention: /),
    ]);
  });

  it('asks the service for the declared identity, alias-resolving', async () => {
    const found = async () => ({ items: [{ id: 'ep_1' }] });
    const first = await process(entity(declaring), found);
    expect(first.messages).toEqual([]);
    expect(first.dataPlatform.listEndpoints).toHaveBeenCalledWith(
      { namespace: 'bigquery', name: 'analytics.orders', limit: 1 },
      expect.anything(),
    );
  });

  it('leaves alone the entities it does not concern', async () => {
    const never = async () => {
      throw new Error('not asked');
    };
    // No annotations and no block.
    expect((await process(entity({}), never)).messages).toEqual([]);
    // The provider's own entities.
    expect(
      (
        await process(
          entity({
            ...declaring,
            'backstage.io/managed-by-location':
              'data-platform:https://backstage.example.com/data/endpoints/ep_1',
          }),
          never,
        )
      ).messages,
    ).toEqual([]);
  });

  it('reports a block without the annotations', async () => {
    const { messages } = await process(
      entity({}, { dataPlatform: { tier: 1 } }),
      async () => ({ items: [] }),
    );
    expect(messages).toEqual([expect.stringMatching(/^spec\.dataPlatform: /)]);
  });
});
