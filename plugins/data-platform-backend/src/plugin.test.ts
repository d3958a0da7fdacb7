import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ResponseError } from '@backstage/errors';
import { DataPlatformClient } from '@data-platform/plugin-data-platform-common';
import { dataPlatformHealthExtensionPoint } from '@data-platform/plugin-data-platform-node';
import { readdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Server } from 'node:http';
import request from 'supertest';
import { dataPlatformPlugin } from './plugin';

/** The newest migration the package ships: the one a started plugin is at. */
const latestMigration = readdirSync(resolve(__dirname, '../migrations'))
  .filter(file => /^\d{14}_.*\.js$/.test(file))
  .sort()
  .pop()!
  .slice(0, 14);

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function clientFor(server: Server) {
  const { port } = server.address() as AddressInfo;
  return new DataPlatformClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://localhost:${port}/api/${pluginId}`,
    },
  });
}

describe.each(databases.eachSupportedId())(
  'data-platform backend on %s',
  (databaseId: TestDatabaseId) => {
    it('migrates, reports health and answers the overview', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [dataPlatformPlugin, mockServices.database.factory({ knex })],
      });

      expect(await knex.migrate.currentVersion()).toBe(latestMigration);

      const client = clientFor(server);
      const token = mockCredentials.user.token();

      await expect(client.getHealth({ token })).resolves.toEqual({
        status: 'ok',
        checks: [
          { name: 'database', status: 'ok', message: expect.any(String) },
          {
            name: 'derivation',
            status: 'ok',
            message: '0 events waiting to be derived',
          },
        ],
      });
      await expect(client.getDerivationStatus({ token })).resolves.toEqual({
        mode: 'background',
        backlog: 0,
        replaying: 0,
        failed: 0,
      });
      await expect(client.getOverview({ token })).resolves.toEqual({
        databaseClient: expect.stringMatching(/sqlite|pg/),
        ingestion: {
          acceptedEvents: 0,
          rejectedEvents: 0,
          derivation: {
            mode: 'background',
            backlog: 0,
            replaying: 0,
            failed: 0,
          },
        },
        counts: { endpoints: 0, workflows: 0, runs: 0 },
      });

      await knex('raw_events').insert([
        {
          event_hash: 'a'.repeat(64),
          event_kind: 'run',
          event_type: 'START',
          run_id: '0196a1e5-0000-7000-8000-000000000001',
          job_namespace: 'airflow',
          job_name: 'daily_plays.load',
          received_at: new Date('2026-11-25T10:00:00Z'),
          payload: '{}',
        },
        {
          event_hash: 'b'.repeat(64),
          event_kind: 'run',
          event_type: 'COMPLETE',
          run_id: '0196a1e5-0000-7000-8000-000000000001',
          job_namespace: 'airflow',
          job_name: 'daily_plays.load',
          received_at: new Date('2026-11-25T11:30:00Z'),
          payload: '{}',
        },
      ]);
      await knex('dead_letters').insert({
        reason: 'run.runId is required',
        json_path: '$.run.runId',
        payload: '{"eventType":"START"}',
      });

      await expect(client.getOverview({ token })).resolves.toEqual({
        databaseClient: expect.any(String),
        ingestion: {
          acceptedEvents: 2,
          rejectedEvents: 1,
          lastEventAt: '2026-11-25T11:30:00.000Z',
          derivation: {
            mode: 'background',
            backlog: 0,
            replaying: 0,
            failed: 0,
          },
        },
        counts: { endpoints: 0, workflows: 0, runs: 0 },
      });

      // Redelivery of an event must be a no-op, which the unique hash enforces.
      await expect(
        knex('raw_events').insert({
          event_hash: 'a'.repeat(64),
          event_kind: 'run',
          payload: '{}',
        }),
      ).rejects.toThrow();

      await server.close();
    });

    it('keeps the data across a restart on the same database', async () => {
      const knex = await databases.init(databaseId);
      const first = await startTestBackend({
        features: [dataPlatformPlugin, mockServices.database.factory({ knex })],
      });
      await knex('dead_letters').insert({ reason: 'bad', payload: '{' });
      await first.stop();

      const second = await startTestBackend({
        features: [dataPlatformPlugin, mockServices.database.factory({ knex })],
      });
      const overview = await clientFor(second.server).getOverview({
        token: mockCredentials.user.token(),
      });
      expect(overview.ingestion.rejectedEvents).toBe(1);
      await second.stop();
    });
  },
);

describe('data-platform backend access', () => {
  it('answers 401 without credentials and serves its OpenAPI document', async () => {
    const { server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        // The test backend treats a request without a token as a user's
        // unless told otherwise.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    const health = await request(server).get('/api/data-platform/health');
    expect(health.status).toBe(401);
    const overview = await request(server).get(
      '/api/data-platform/v1/overview',
    );
    expect(overview.status).toBe(401);
    expect(overview.body.error.name).toBe('AuthenticationError');
    expect(
      (await request(server).get('/api/data-platform/v1/derivation')).status,
    ).toBe(401);
    expect(
      (await request(server).get('/api/data-platform/v1/derivation/failed'))
        .status,
    ).toBe(401);

    const openapi = await request(server)
      .get('/api/data-platform/openapi.json')
      .set('Authorization', mockCredentials.user.header());
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/data-platform/health',
        '/api/data-platform/v1/overview',
        '/api/data-platform/v1/derivation',
        '/api/data-platform/v1/derivation/failed',
      ]),
    );
  });

  it('accepts service principals', async () => {
    const { server } = await startTestBackend({
      features: [dataPlatformPlugin],
    });
    const res = await request(server)
      .get('/api/data-platform/v1/overview')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
  });

  it('answers 403 when the permission policy denies reading metadata', async () => {
    const { server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const error = await clientFor(server)
      .getOverview({ token: mockCredentials.user.token() })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect((error as ResponseError).statusCode).toBe(403);
  });

  it('reports health checks added by backend modules', async () => {
    const brokenRuntimeModule = createBackendModule({
      pluginId: 'data-platform',
      moduleId: 'broken-runtime',
      register(env) {
        env.registerInit({
          deps: { health: dataPlatformHealthExtensionPoint },
          async init({ health }) {
            health.addHealthCheck(
              { name: 'runtime', check: async () => ({ status: 'ok' }) },
              {
                name: 'warehouse',
                check: async () => {
                  throw new Error('connection refused');
                },
              },
            );
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [dataPlatformPlugin, brokenRuntimeModule],
    });

    const res = await request(server)
      .get('/api/data-platform/health')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'degraded',
      checks: [
        { name: 'database', status: 'ok', message: expect.any(String) },
        { name: 'derivation', status: 'ok', message: expect.any(String) },
        { name: 'runtime', status: 'ok' },
        { name: 'warehouse', status: 'failing', message: 'connection refused' },
      ],
    });
  });
});
