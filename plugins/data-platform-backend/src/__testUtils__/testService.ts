import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { Knex } from 'knex';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';

/** The metadata service alone in a test backend, on the given database. */
export async function startService(
  knex: Knex,
  config: object = {},
): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      dataPlatformPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

/** Posts events to the batch ingestion route as a service principal. */
export function ingestBatch(server: Server, events: unknown[]) {
  return request(server)
    .post('/api/data-platform/v1/lineage/batch')
    .set('Authorization', mockCredentials.service.header())
    .send(events);
}

/** A read of `/api/data-platform/v1/<path>` as a signed-in user. */
export function getAsUser(server: Server, path: string) {
  return request(server)
    .get(`/api/data-platform/v1/${path}`)
    .set('Authorization', mockCredentials.user.header());
}
