// The shipped policy and configs in the real permission framework: the
// permission backend with the app's policy module, the real permissions
// service, and the metadata service. Users come from mock tokens; the
// static tokens come from app-config.yaml and app-config.production.yaml,
// verified by the real auth service.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { ConfigSources } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';
import { resolve } from 'node:path';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  catalogProcessingExtensionPoint,
  DeferredEntity,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import catalogModuleDataPlatform from '@data-platform/plugin-catalog-backend-module-data-platform';
import dataPlatformPlugin from '@data-platform/plugin-data-platform-backend';
import { permissionModuleDataPlatformPolicy } from './module';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const admin = 'user:default/ada';
const member = 'user:default/bob';

/** The real user info service reads a token's `ent` claim; mock tokens have none. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs:
          ref === admin ? [ref, 'group:default/data-platform-admins'] : [ref],
      };
    },
  }),
});

const repoRoot = resolve(__dirname, '../../../..');

/** The config a deployment gets from these files, with `env` for `${VAR}`. */
async function shippedConfig(files: string[], env: Record<string, string>) {
  const config = await ConfigSources.toConfig(
    ConfigSources.defaultForTargets({
      rootDir: repoRoot,
      targets: files.map(file => ({
        type: 'path' as const,
        target: resolve(repoRoot, file),
      })),
      substitutionFunc: async name => env[name],
    }),
  );
  try {
    return {
      permission: { enabled: true },
      backend: {
        auth: {
          externalAccess: config.get('backend.auth.externalAccess'),
        },
      },
      dataPlatform: {
        permission: config.get('dataPlatform.permission'),
      },
    } as JsonObject;
  } finally {
    config.close();
  }
}

const replay = '/api/data-platform/v1/admin/replay';
const endpoints = '/api/data-platform/v1/endpoints';

const event = {
  eventType: 'COMPLETE',
  eventTime: '2026-11-25T10:00:00Z',
  run: { runId: '0196a1e5-0000-7000-8000-000000000001' },
  job: { namespace: 'airflow', name: 'daily_plays.load' },
  inputs: [],
  outputs: [],
  producer: 'https://example.com/producer',
  schemaURL:
    'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
};

describe.each(databases.eachSupportedId())(
  'the app permission policy on %s',
  (databaseId: TestDatabaseId) => {
    // A database per plugin, as in a deployment: the real auth service
    // keeps its keys in each plugin's.
    const databaseFactory = createServiceFactory({
      service: coreServices.database,
      deps: {},
      factory: () => {
        const knex = databases.init(databaseId);
        return { getClient: () => knex };
      },
    });
    const start = async (
      data: JsonObject,
      extra: any[] = [],
      extensionPoints: any[] = [],
    ) => {
      return startTestBackend({
        extensionPoints,
        features: [
          permissionPlugin,
          permissionModuleDataPlatformPolicy,
          dataPlatformPlugin,
          permissionsServiceFactory,
          userInfoFactory,
          databaseFactory,
          mockServices.rootConfig.factory({ data }),
          ...extra,
        ],
      });
    };

    it('keeps replay and the raw log to admin group members and reads to signed-in users', async () => {
      const backend = await start(await shippedConfig(['app-config.yaml'], {}));
      try {
        const as = (ref: string) => ({
          Authorization: mockCredentials.user.header(ref),
        });
        const { server } = backend;

        await request(server).get(endpoints).set(as(member)).expect(200);
        const denied = await request(server).post(replay).set(as(member));
        expect(denied.status).toBe(403);
        expect(denied.body.error.stack).toBeUndefined();
        // The raw log and dead letters hold payloads: admins only.
        for (const path of ['events', 'dead-letters']) {
          const log = `/api/data-platform/v1/${path}`;
          expect([
            log,
            (await request(server).get(log).set(as(member))).status,
          ]).toEqual([log, 403]);
          await request(server).get(log).set(as(admin)).expect(200);
        }
        const replayed = await request(server).post(replay).set(as(admin));
        expect(replayed.status).toBe(202);
      } finally {
        await backend.stop();
      }
    });

    it("lets the catalog module read the metadata service with the catalog's own credentials", async () => {
      const shipped = await shippedConfig(['app-config.yaml'], {});
      const providers: EntityProvider[] = [];
      const tasks: { id: string; fn: Function }[] = [];
      const backend = await start(
        {
          ...shipped,
          app: { baseUrl: 'http://localhost:3000' },
          dataPlatform: {
            ...(shipped.dataPlatform as JsonObject),
            ingestion: { derivation: { mode: 'inline' } },
          },
        },
        [
          catalogModuleDataPlatform,
          // The provider reads teams' declarations from the catalog.
          catalogServiceMock.factory({ entities: [] }),
          authServiceFactory,
          httpAuthServiceFactory,
          mockServices.scheduler.mock({
            scheduleTask: async task => {
              tasks.push(task);
            },
          }).factory,
        ],
        [
          [
            catalogProcessingExtensionPoint,
            {
              addEntityProvider: (provider: EntityProvider) => {
                providers.push(provider);
              },
              addProcessor: () => {},
            },
          ],
        ],
      );
      try {
        await request(backend.server)
          .post('/api/data-platform/v1/lineage')
          .set('Authorization', 'Bearer local-development-ingest-token')
          .send(event)
          .expect(201);
        const applied: DeferredEntity[][] = [];
        await providers[0].connect({
          applyMutation: async mutation => {
            if (mutation.type === 'delta') applied.push(mutation.added);
          },
          refresh: async () => {},
        });
        const task = tasks.find(t => t.id.startsWith('catalog-data-platform'));
        // The sync throws if a read is refused, and applies nothing.
        await task!.fn(new AbortController().signal);
        expect(applied).toHaveLength(1);
        expect(applied[0].map(({ entity }) => entity.metadata.title)).toEqual([
          'daily_plays.load',
        ]);
      } finally {
        await backend.stop();
      }
    });

    it.each([
      ['app-config.yaml', 'local-development-ingest-token'],
      ['app-config.production.yaml', 'a-production-ingest-token'],
    ])(
      'lets the ingestion token of %s ingest and nothing else',
      async (file, token) => {
        const files =
          file === 'app-config.yaml' ? [file] : ['app-config.yaml', file];
        const backend = await start(
          await shippedConfig(files, { DATA_PLATFORM_INGEST_TOKEN: token }),
          [authServiceFactory, httpAuthServiceFactory],
        );
        try {
          const { server } = backend;
          const auth = { Authorization: `Bearer ${token}` };
          await request(server)
            .post('/api/data-platform/v1/lineage')
            .set(auth)
            .send(event)
            .expect(201);
          for (const path of [
            endpoints,
            '/api/data-platform/v1/overview',
            '/api/data-platform/v1/events',
            '/api/data-platform/v1/dead-letters',
          ]) {
            expect([
              path,
              (await request(server).get(path).set(auth)).status,
            ]).toEqual([path, 403]);
          }
          await request(server).post(replay).set(auth).expect(403);
          // Another plugin does not take it at all.
          const other = await request(server)
            .post('/api/permission/authorize')
            .set(auth)
            .send({ items: [] });
          expect(other.status).toBe(403);
          expect(other.body.error.message).toMatch(/restricted/);
        } finally {
          await backend.stop();
        }
      },
    );
  },
);
