import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
// The real metadata service, whose observations the processor checks.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import dataPlatformPlugin from '@data-platform/plugin-data-platform-backend';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { completedRun, schemaFacet } from '../__testUtils__/events';
import { catalogName } from '../entities/entityName';
import { catalogModuleDataPlatform } from '../module/catalogModuleDataPlatform';
import { PROVIDER_TASK_ID } from '../provider/DataPlatformEntityProvider';

// The real catalog with the module: a team's declaration (here put in the
// catalog by a test provider, as a location would) wins over the
// provider's entity, and what is wrong with it shows as processing errors
// on that entity only.

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A test database with a pool of at most three connections. */
async function smallPool(id: TestDatabaseId): Promise<Knex> {
  const given = await databases.init(id);
  if (given.client.config.client !== 'pg') return given;
  // Not connected yet: TestDatabases creates databases on its own connection.
  await given.destroy();
  return knexFactory({
    ...given.client.config,
    pool: { min: 0, max: 3, idleTimeoutMillis: 1_000 },
  });
}

const orders = { namespace: 'bigquery', name: 'analytics.orders' };
const ordersRaw = {
  namespace: 'postgres://db:5432',
  name: 'public.orders_raw',
  facets: schemaFacet([{ name: 'id', type: 'bigint' }]),
};
const etl = { namespace: 'airflow', name: 'orders.etl' };

const location = 'url:https://git.example.com/commerce/catalog-info.yaml';

function ordersDaily(
  dataPlatform: NonNullable<Entity['spec']>,
  name = orders.name,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'orders-daily',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'data-platform.io/openlineage-namespace': orders.namespace,
        'data-platform.io/openlineage-name': name,
      },
    },
    spec: {
      type: 'dataset',
      lifecycle: 'production',
      owner: 'group:default/commerce',
      definition: '{}',
      dataPlatform,
    },
  };
}

const plain: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'storefront',
    annotations: {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
    },
  },
  spec: { type: 'website', lifecycle: 'production', owner: 'commerce' },
};

/** Resolves once `check` passes, retrying while the catalog processes. */
async function eventually<T>(check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}

describe.each(databases.eachSupportedId())(
  'declarations in the catalog, on %p',
  id => {
    it('win over the provider, and show their problems as processing errors', async () => {
      // The catalog (with the module's state tables) and the metadata
      // service each in a database of their own, as in a real backend: both
      // keep their migrations in knex's default table.
      const catalogDb = await smallPool(id);
      const dataPlatformDb = await smallPool(id);
      const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
      let team: EntityProviderConnection | undefined;
      const teamLocation = createBackendModule({
        pluginId: 'catalog',
        moduleId: 'team-location',
        register(env) {
          env.registerInit({
            deps: { catalog: catalogProcessingExtensionPoint },
            async init({ catalog }) {
              catalog.addEntityProvider({
                getProviderName: () => 'team-location',
                connect: async connection => {
                  team = connection;
                },
              });
            },
          });
        },
      });
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleDataPlatform,
          teamLocation,
          dataPlatformPlugin,
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) =>
              mockServices.database({
                knex: plugin.getId() === 'catalog' ? catalogDb : dataPlatformDb,
              }),
          }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'https://backstage.example.com' },
              dataPlatform: { ingestion: { derivation: { mode: 'inline' } } },
            },
          }),
          mockServices.scheduler.mock({
            scheduleTask: async task => {
              tasks.push(task);
            },
          }).factory,
        ],
      });
      try {
        const { port } = backend.server.address() as AddressInfo;
        const api = `http://localhost:${port}/api`;
        const ingested = await fetch(`${api}/data-platform/v1/lineage/batch`, {
          method: 'POST',
          headers: {
            authorization: mockCredentials.service.header(),
            'content-type': 'application/json',
          },
          body: JSON.stringify([
            completedRun({
              eventTime: '2026-12-01T01:00:00Z',
              job: etl,
              inputs: [ordersRaw],
              outputs: [orders],
            }),
          ]),
        });
        expect(ingested.status).toBe(200);

        const get = async (kind: string, name: string) => {
          const response = await fetch(
            `${api}/catalog/entities/by-name/${kind}/default/${name}`,
            { headers: { authorization: mockCredentials.user.header() } },
          );
          return {
            status: response.status,
            // As the catalog serves it: with its processing status.
            entity: response.ok
              ? ((await response.json()) as Entity & {
                  status?: { items?: { message: string }[] };
                })
              : undefined,
          };
        };
        const errorsOf = async (kind: string, name: string) =>
          ((await get(kind, name)).entity?.status?.items ?? []).map(
            item => item.message,
          );

        // The team's entities, valid.
        const valid = ordersDaily({
          partitions: { cadence: 'daily', expectedBy: 'PT6H' },
          tier: 1,
        });
        await team!.applyMutation({
          type: 'full',
          entities: [valid, plain].map(entity => ({
            entity,
            locationKey: 'team-location',
          })),
        });
        await eventually(async () => {
          expect((await get('api', 'orders-daily')).status).toBe(200);
          expect((await get('component', 'storefront')).status).toBe(200);
        });
        expect(await errorsOf('api', 'orders-daily')).toEqual([]);

        // The provider's sync: no entity of its own for the declared
        // endpoint, and the workflow provides the team's.
        await tasks
          .find(t => t.id === PROVIDER_TASK_ID)!
          .fn(new AbortController().signal);
        const workflow = await eventually(async () => {
          const found = await get(
            'component',
            catalogName(etl.namespace, etl.name).toLowerCase(),
          );
          expect(found.status).toBe(200);
          return found.entity!;
        });
        expect(workflow.spec?.providesApis).toEqual([
          'api:default/orders-daily',
        ]);
        expect(
          (await get('api', catalogName(orders.namespace, orders.name))).status,
        ).toBe(404);
        expect(
          (await get('api', catalogName(ordersRaw.namespace, ordersRaw.name)))
            .status,
        ).toBe(200);

        // An unknown key, a bad cron expression and a tier out of range:
        // each a processing error on that entity, with its path.
        await team!.applyMutation({
          type: 'full',
          entities: [
            ordersDaily({
              partitions: { cadence: '61 * * * *' },
              tier: 4,
              colour: 'blue',
            }),
            plain,
          ].map(entity => ({ entity, locationKey: 'team-location' })),
        });
        const errors = await eventually(async () => {
          const messages = await errorsOf('api', 'orders-daily');
          expect(messages).toHaveLength(3);
          return messages;
        });
        expect(errors.join('\n')).toContain(
          'spec.dataPlatform.colour: unknown key',
        );
        expect(errors.join('\n')).toContain(
          'spec.dataPlatform.partitions.cadence: "61 * * * *"',
        );
        expect(errors.join('\n')).toContain('spec.dataPlatform.tier: 4');
        expect(await errorsOf('component', 'storefront')).toEqual([]);

        // A valid block naming what the platform never observed.
        await team!.applyMutation({
          type: 'full',
          entities: [ordersDaily({ tier: 2 }, 'analytics.nothing'), plain].map(
            entity => ({ entity, locationKey: 'team-location' }),
          ),
        });
        const unobserved = await eventually(async () => {
          const messages = await errorsOf('api', 'orders-daily');
          expect(messages).toHaveLength(1);
          return messages[0];
        });
        expect(unobserved).toContain(
          'no endpoint bigquery/analytics.nothing has been observed',
        );
        expect(await errorsOf('component', 'storefront')).toEqual([]);
      } finally {
        await backend.stop();
        for (const knex of [catalogDb, dataPlatformDb]) {
          if (knex.client.config.client === 'pg') await knex.destroy();
        }
      }
    });
  },
);
