import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { Knex } from 'knex';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';

let stopAfterEachTest = false;
const startedInTest: { stop(): Promise<void> }[] = [];

/**
 * For a file whose every test starts its own service: stops each when its
 * test ends instead of with the file. A started backend holds database
 * connections while its derivation worker polls, and ten tests' worth on
 * PostgreSQL, with other suites running, reached the server's limit.
 */
export function stopServicesAfterEachTest() {
  stopAfterEachTest = true;
  afterEach(async () => {
    await Promise.all(startedInTest.splice(0).map(backend => backend.stop()));
  });
}

/** The metadata service alone in a test backend, on the given database. */
export async function startService(
  knex: Knex,
  config: object = {},
): Promise<Server> {
  const backend = await startTestBackend({
    features: [
      dataPlatformPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  if (stopAfterEachTest) startedInTest.push(backend);
  return backend.server;
}

/**
 * Posts events to the batch ingestion route as a service principal, and
 * waits until they are derived. Resolves to the response.
 */
export async function ingestBatch(server: Server, events: unknown[]) {
  const response = await request(server)
    .post('/api/data-platform/v1/lineage/batch')
    .set('Authorization', mockCredentials.service.header())
    .send(events);
  await derived(server);
  return response;
}

/**
 * Waits until the derivation queue is empty, i.e. every accepted event is
 * applied: a queued event leaves the queue in the transaction that applies
 * it. Fails the test if events are set aside as failed.
 */
export async function derived(server: Server, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await getAsUser(server, 'derivation').expect(200);
    const { backlog, failed } = body;
    if (failed > 0) throw new Error(`${failed} events failed to derive`);
    if (backlog === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`${backlog} events still queued after ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

/** A read of `/api/data-platform/v1/<path>` as a signed-in user. */
export function getAsUser(server: Server, path: string) {
  return request(server)
    .get(`/api/data-platform/v1/${path}`)
    .set('Authorization', mockCredentials.user.header());
}
