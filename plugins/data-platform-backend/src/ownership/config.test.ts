import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scheduleCatalogReader } from './catalogReader';
import {
  DEFAULT_CATALOG_SCHEDULE,
  readCatalogSchedule,
  readOwnerMapping,
} from './config';
import { OwnershipStore } from './OwnershipStore';

describe('ownership config', () => {
  it('reads the mapping, keyed by lower-case owner text', () => {
    const config = new ConfigReader({
      dataPlatform: {
        owners: {
          mapping: [
            { owner: 'Ads-Oncall@Example.com', entityRef: 'group:default/ads' },
            { owner: '***', entityRef: 'User:Ops/Ada' },
            { owner: 'legacy', entityRef: 'platform' },
          ],
        },
      },
    });
    expect(readOwnerMapping(config)).toEqual(
      new Map([
        ['ads-oncall@example.com', 'group:default/ads'],
        ['***', 'user:ops/ada'],
        ['legacy', 'group:default/platform'],
      ]),
    );
    expect(readOwnerMapping(new ConfigReader({}))).toEqual(new Map());
  });

  it('refuses a mapping to anything but a Group or User', () => {
    const config = new ConfigReader({
      dataPlatform: {
        owners: {
          mapping: [{ owner: 'x', entityRef: 'component:default/x' }],
        },
      },
    });
    expect(() => readOwnerMapping(config)).toThrow(
      'dataPlatform.owners.mapping[0].entityRef: "component:default/x" is not a Group or User entity ref',
    );
  });

  it('reads the catalog schedule, every 5 minutes by default', () => {
    expect(readCatalogSchedule(new ConfigReader({}))).toEqual(
      DEFAULT_CATALOG_SCHEDULE,
    );
    expect(
      readCatalogSchedule(
        new ConfigReader({
          dataPlatform: {
            catalog: {
              schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
            },
          },
        }),
      ),
    ).toMatchObject({ frequency: { hours: 1 }, timeout: { minutes: 5 } });
  });
});

describe('scheduleCatalogReader', () => {
  it('logs a failing catalog and lets the next run try again', async () => {
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    const store = { syncDirectory: jest.fn(), syncDeclarations: jest.fn() };
    await scheduleCatalogReader({
      scheduler,
      schedule: DEFAULT_CATALOG_SCHEDULE,
      catalog: catalogServiceMock.mock({
        queryEntities: async () => {
          throw new Error('404 Not Found: no catalog plugin');
        },
      }),
      auth: mockServices.auth(),
      store: store as unknown as OwnershipStore,
      logger,
    });
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: 'data-platform-catalog-reader',
      frequency: { minutes: 5 },
    });
    await expect(
      task.fn(new AbortController().signal),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('404 Not Found: no catalog plugin'),
    );
    expect(store.syncDirectory).not.toHaveBeenCalled();
  });
});
