import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  eventsBetween,
  generatePlatform,
} from '@data-platform/runtime-simulator';
import fc from 'fast-check';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { runEvent, schemaFacet } from '../__testUtils__/events';
import {
  fuzzParameters,
  hostileJson,
  hostileString,
  mutatedEvent,
} from '../__testUtils__/fuzz';
import { getAsUser, startService } from '../__testUtils__/testService';

jest.setTimeout(600_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const facet = (body: object) => ({ _producer: 'p', _schemaURL: 's', ...body });

/** Real events to mutate: the test utils' samples and the simulator's. */
function seeds(): object[] {
  const orders = {
    namespace: 'bigquery',
    name: 'shop.orders',
    facets: {
      ...schemaFacet([
        { name: 'id', type: 'STRING' },
        {
          name: 'lines',
          type: 'RECORD',
          fields: [{ name: 'sku', type: 'STRING' }],
        },
      ]),
      ownership: facet({ owners: [{ name: 'group:default/shop' }] }),
      tags: facet({ tags: [{ key: 'tier', value: '1' }] }),
      symlinks: facet({
        identifiers: [{ namespace: 'hive', name: 'shop.o', type: 'TABLE' }],
      }),
      columnLineage: facet({
        fields: {
          id: {
            inputFields: [
              {
                namespace: 'gs://raw',
                name: 'orders',
                field: 'order_id',
                transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
              },
            ],
          },
        },
      }),
    },
  };
  const started = runEvent({
    eventType: 'START',
    eventTime: '2026-11-20T01:00:00Z',
    runId: '0193f7a2-0000-7000-8000-00000000f001',
    inputs: [{ namespace: 'gs://raw', name: 'orders' }],
    outputs: [orders],
    runFacets: {
      nominalTime: facet({ nominalStartTime: '2026-11-20T00:00:00Z' }),
      parent: facet({
        run: { runId: '0193f7a2-0000-7000-8000-00000000f000' },
        job: { namespace: 'airflow', name: 'shop_dag' },
      }),
    },
  });
  const completed = {
    ...started,
    eventType: 'COMPLETE',
    eventTime: '2026-11-20T01:30:00Z',
    job: {
      ...started.job,
      facets: { sql: facet({ query: 'SELECT id FROM orders' }) },
    },
  };
  const jobEvent = {
    eventTime: '2026-11-20T02:00:00Z',
    producer: started.producer,
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
    job: started.job,
    inputs: started.inputs,
    outputs: [{ namespace: 'bigquery', name: 'shop.orders' }],
  };
  const datasetEvent = {
    eventTime: '2026-11-20T02:00:00Z',
    producer: started.producer,
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
    dataset: orders,
  };
  const platform = generatePlatform({
    seed: 5,
    teams: 2,
    endpoints: 20,
    workflows: 8,
    historyStart: new Date('2026-05-01T00:00:00Z'),
    historyDays: 5,
  });
  const simulated = eventsBetween(
    platform,
    new Date('2026-05-04T00:00:00Z'),
    new Date('2026-05-04T06:00:00Z'),
  ).filter((_, i) => i % 7 === 0);
  return [started, completed, jobEvent, datasetEvent, ...simulated];
}

/** A body for either route: events real or mutated, or anything at all. */
function bodies(events: object[]) {
  const event = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...events) },
    { weight: 6, arbitrary: mutatedEvent(events) },
    { weight: 1, arbitrary: hostileJson },
  );
  const json = (value: unknown) => JSON.stringify(value) ?? 'null';
  // Nesting deeper than a recursive parser or serializer can follow.
  const deep = fc
    .tuple(fc.integer({ min: 1_000, max: 200_000 }), fc.boolean())
    .map(([depth, objects]) =>
      objects
        ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
        : `${'['.repeat(depth)}${']'.repeat(depth)}`,
    );
  return {
    one: fc.oneof(
      { weight: 8, arbitrary: event.map(json) },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: deep },
    ),
    batch: fc.oneof(
      { weight: 8, arbitrary: fc.array(event, { maxLength: 6 }).map(json) },
      { weight: 1, arbitrary: hostileJson.map(json) },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: deep.map(body => `[${body}]`) },
    ),
  };
}

const post = (server: Server, path: string, body: string) =>
  request(server)
    .post(`/api/data-platform/v1/${path}`)
    .set('Authorization', mockCredentials.service.header())
    .set('Content-Type', 'application/json')
    .send(body);

async function rejectedSoFar(server: Server): Promise<number> {
  const { body } = await getAsUser(server, 'overview').expect(200);
  return body.ingestion.rejectedEvents;
}

/**
 * What a client learns from an answer: whether it is a server error, and
 * whether every refusal says why and where. `rejected` is how many dead
 * letters the answer stands for.
 */
function verdict(status: number, body: any) {
  const explained = (e: any) =>
    typeof e?.reason === 'string' && typeof e?.jsonPath === 'string';
  if (status === 201 || status === 200) return { status, rejected: 0 };
  if (status === 207) {
    const failed = body.failed_events ?? [];
    return {
      status,
      rejected: failed.length,
      explained: failed.every(explained),
    };
  }
  return {
    status,
    rejected: 1,
    explained: explained({
      reason: body.error?.message,
      jsonPath: body.error?.jsonPath,
    }),
  };
}

/**
 * Waits while accepted events are still queued to be derived; an event is
 * either derived or set aside as failed with the error that stopped it.
 * The bound only keeps a wedged queue from hanging the suite.
 */
async function settled(server: Server, knex: Knex) {
  const deadline = Date.now() + 30_000;
  let backlog = 0;
  do {
    ({ backlog } = (await getAsUser(server, 'derivation').expect(200)).body);
    if (backlog === 0) break;
    await new Promise(resolve => setTimeout(resolve, 20));
  } while (Date.now() < deadline);
  const withoutReason = await knex('derivation_queue')
    .whereNotNull('failed_at')
    .where(q => q.whereNull('error').orWhere('error', ''))
    .count({ count: '*' })
    .first();
  const stuck = await knex('derivation_queue as q')
    .join('raw_events as r', 'r.id', 'q.raw_event_id')
    .whereNull('q.failed_at')
    .limit(2)
    .select('r.payload');
  return {
    backlog,
    setAsideWithoutReason: Number(withoutReason?.count ?? 0),
    stuck: stuck.map(row => String(row.payload).slice(0, 500)),
  };
}

describe.each(databases.eachSupportedId())(
  'ingestion routes under fuzzing on %s',
  (databaseId: TestDatabaseId) => {
    let server: Server;
    let knex: Knex;
    const { one, batch } = bodies(seeds());
    const requests = fc.oneof(
      one.map(body => ({ path: 'lineage', body })),
      batch.map(body => ({ path: 'lineage/batch', body })),
    );
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startService(knex);
    });

    it('answers every body below 500, and keeps what it refuses as dead letters with a reason', async () => {
      await fc.assert(
        fc.asyncProperty(requests, async ({ path, body }) => {
          const before = await rejectedSoFar(server);
          const response = await post(server, path, body);
          const answer = verdict(response.status, response.body);
          const kept = (await rejectedSoFar(server)) - before;
          const seen = {
            status: answer.status,
            serverError: answer.status >= 500,
            explained: answer.explained ?? true,
            deadLetters: kept,
            answer: response.text.slice(0, 300),
          };
          expect(seen).toEqual({
            ...seen,
            serverError: false,
            explained: true,
            deadLetters: answer.rejected,
          });
        }),
        fuzzParameters(250),
      );
    });

    it('derives every event it accepts or sets it aside with a reason', async () => {
      await fc.assert(
        fc.asyncProperty(requests, async ({ path, body }) => {
          await post(server, path, body);
          expect(await settled(server, knex)).toEqual({
            backlog: 0,
            setAsideWithoutReason: 0,
            stuck: [],
          });
        }),
        // A wedged queue stays wedged for every later run: shrinking could
        // only blame an innocent body. The stuck events are the example.
        { ...fuzzParameters(250), endOnFailure: true },
      );
    });
  },
);
