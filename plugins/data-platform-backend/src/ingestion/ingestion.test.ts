import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';
import {
  airflowScenario,
  readCorpus,
  runEvent,
  schemaFacet,
} from '../__testUtils__/events';
import { entityId } from '../openlineage/ids';
import { derivedState } from '../__testUtils__/derivedState';
import {
  derived,
  startService,
  stopServicesAfterEachTest,
} from '../__testUtils__/testService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
stopServicesAfterEachTest();
const service = mockCredentials.service.header();
const user = mockCredentials.user.header();

const endpointId = (namespace: string, name: string) =>
  entityId('endpoint', namespace, name);
const workflowId = (namespace: string, name: string) =>
  entityId('workflow', namespace, name);

const start = startService;

const post = (server: Server, path: string, body: unknown) =>
  request(server)
    .post(`/api/data-platform/v1/${path}`)
    .set('Authorization', service)
    .send(body as object);

/** A read as a user, once what was accepted so far is derived. */
const get = async (server: Server, path: string) => {
  await derived(server);
  return await request(server)
    .get(`/api/data-platform/v1/${path}`)
    .set('Authorization', user);
};

describe.each(databases.eachSupportedId())(
  'ingestion on %s',
  (databaseId: TestDatabaseId) => {
    it('derives the datasets and lineage of the real Airflow scenario', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      const events = airflowScenario();

      const res = await post(server, 'lineage/batch', events);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'success',
        summary: {
          received: 32,
          successful: 32,
          failed: 0,
          retriable: 0,
          non_retriable: 0,
        },
        failed_events: [],
      });

      // The entities scenario.md lists.
      const names = new Set<string>();
      for (let cursor: string | undefined, i = 0; i < 10; i++) {
        const page = await get(
          server,
          `endpoints?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        page.body.items.forEach((e: any) =>
          names.add(`${e.namespace}|${e.name}`),
        );
        cursor = page.body.nextCursor;
        if (!cursor) break;
      }
      expect([...names]).toEqual(
        expect.arrayContaining([
          'bigquery|mock-project.test.upload',
          'bigquery|mock-project.test.upload_cp',
          'gs://mock-bucket|copied.csv',
          'gs://mock-bucket|result.csv',
          'gs://mock-bucket|uploaded_file.txt',
          'gs://mock-bucket|copy_of_uploaded_file.txt',
          'gs://mock-bucket|uploaded_data.txt',
          'gs://mock-bucket|copy_of_uploaded_data.txt',
          'file|/files/temp/downloaded_file.txt',
          'gs://mock-bucket|compose_result.txt',
        ]),
      );

      // Lineage: upload (GCS → BQ), copy (BQ → BQ), download (BQ → GCS).
      const io = async (name: string) => {
        const w = await get(server, `workflows/${workflowId('airflow', name)}`);
        expect(w.status).toBe(200);
        const refs = (list: any[]) => list.map(e => `${e.namespace}|${e.name}`);
        return {
          inputs: refs(w.body.inputs),
          outputs: refs(w.body.outputs),
          body: w.body,
        };
      };
      expect(await io('BQ.upload')).toMatchObject({
        inputs: ['gs://mock-bucket|copied.csv', 'gs://mock-bucket|test.csv'],
        outputs: ['bigquery|mock-project.test.upload'],
      });
      expect(await io('BQ.copy')).toMatchObject({
        inputs: ['bigquery|mock-project.test.upload'],
        outputs: ['bigquery|mock-project.test.upload_cp'],
      });
      expect(await io('BQ.download')).toMatchObject({
        inputs: ['bigquery|mock-project.test.upload_cp'],
        outputs: ['gs://mock-bucket|result.csv'],
      });
      const compose = await io('gcs_hook.compose_task');
      expect(compose.inputs).toHaveLength(4);
      expect(compose.outputs).toEqual(['gs://mock-bucket|compose_result.txt']);

      const copy = await io('BQ.copy');
      expect(copy.body.latestRun.state).toBe('COMPLETED');
      expect(copy.body.parent).toMatchObject({
        namespace: 'airflow',
        name: 'BQ',
      });
      expect(copy.body.jobType).toBeDefined();

      const upload = await get(
        server,
        `endpoints/${endpointId('bigquery', 'mock-project.test.upload')}`,
      );
      expect(upload.body.producers.map((w: any) => w.name)).toEqual([
        'BQ.upload',
      ]);
      expect(upload.body.consumers.map((w: any) => w.name)).toEqual([
        'BQ.copy',
      ]);
      expect(upload.body.schema.fields.length).toBeGreaterThan(0);

      const run = await get(server, `runs/${events[4].run.runId}`);
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({
        state: 'COMPLETED',
        workflow: { namespace: 'airflow', name: 'BQ.copy' },
        parentRun: {
          workflow: {
            id: workflowId('airflow', 'BQ'),
            namespace: 'airflow',
            name: 'BQ',
          },
        },
      });
      expect(run.body.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('changes nothing when the same events arrive twice', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      const events = airflowScenario();
      await post(server, 'lineage/batch', events).expect(200);
      const before = await derivedState(knex, server);
      await post(server, 'lineage/batch', events).expect(200);
      for (const event of events.slice(0, 5)) {
        await post(server, 'lineage', event).expect(201);
      }
      expect(await derivedState(knex, server)).toEqual(before);
      expect(Number((await knex('raw_events').count({ n: '*' }))[0].n)).toBe(
        32,
      );
    });

    it('converges to the same state whatever order a run arrives in', async () => {
      const runId = randomUUID();
      const output = {
        namespace: 'bigquery',
        name: 'analytics.daily_plays',
        facets: schemaFacet([{ name: 'user_id', type: 'STRING' }]),
        outputFacets: {
          outputStatistics: {
            _producer: 'p',
            _schemaURL: 's',
            rowCount: 10,
            size: 2048,
          },
        },
      };
      const nominal = {
        nominalTime: {
          _producer: 'p',
          _schemaURL: 's',
          nominalStartTime: '2026-11-25T00:00:00Z',
          nominalEndTime: '2026-11-26T00:00:00Z',
        },
      };
      const events = [
        runEvent({
          eventType: 'START',
          eventTime: '2026-11-26T01:00:00Z',
          runId,
          runFacets: nominal,
        }),
        runEvent({
          eventType: 'RUNNING',
          eventTime: '2026-11-26T01:05:00Z',
          runId,
        }),
        runEvent({
          eventType: 'RUNNING',
          eventTime: '2026-11-26T01:06:00Z',
          runId,
        }),
        runEvent({
          eventType: 'OTHER',
          eventTime: '2026-11-26T01:07:00Z',
          runId,
        }),
        runEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-11-26T01:10:00Z',
          runId,
          runFacets: nominal,
          outputs: [output],
        }),
      ];
      const orders = [
        [0, 1, 2, 3, 4],
        [4, 0, 1, 2, 3],
        [3, 4, 2, 1, 0],
        [2, 3, 0, 4, 1, 4, 2],
      ];
      const states = [];
      for (const order of orders) {
        const knex = await databases.init(databaseId);
        const server = await start(knex);
        for (const i of order) {
          await post(server, 'lineage', events[i]).expect(201);
        }
        states.push(await derivedState(knex, server));
        const run = await get(server, `runs/${runId}`);
        expect(run.body).toMatchObject({
          state: 'COMPLETED',
          startedAt: '2026-11-26T01:00:00.000Z',
          endedAt: '2026-11-26T01:10:00.000Z',
          durationMs: 600_000,
          nominalStartTime: '2026-11-25T00:00:00.000Z',
        });
      }
      for (const state of states.slice(1)) expect(state).toEqual(states[0]);

      const partitions = states[0].partitions as any[];
      expect(partitions).toHaveLength(1);
      expect(partitions[0]).toMatchObject({
        partition_key: '2026-11-25T00:00:00Z/2026-11-26T00:00:00Z',
        run_id: runId,
      });
      expect(Number(partitions[0].row_count)).toBe(10);
      expect(Number(partitions[0].bytes)).toBe(2048);
    });

    it('keeps one run consistent under concurrent delivery', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      const runId = randomUUID();
      const shared = { namespace: 'bigquery', name: 'raw.events' };
      const events = [
        runEvent({
          eventType: 'START',
          eventTime: '2026-11-26T01:00:00Z',
          runId,
          inputs: [shared],
        }),
        ...Array.from({ length: 12 }, (_, i) =>
          runEvent({
            eventType: 'RUNNING',
            eventTime: `2026-11-26T01:0${Math.floor(i / 6) + 1}:${String(
              i * 4,
            ).padStart(2, '0')}Z`,
            runId,
            inputs: [shared],
          }),
        ),
        runEvent({
          eventType: 'FAIL',
          eventTime: '2026-11-26T01:30:00Z',
          runId,
          inputs: [shared],
        }),
      ];
      // Other runs touching the same endpoint at the same time.
      const others = Array.from({ length: 6 }, (_, i) =>
        runEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-11-26T02:00:00Z',
          job: { namespace: 'spark', name: `consumer_${i}` },
          inputs: [shared],
        }),
      );
      const responses = await Promise.all([
        ...events.map(e => post(server, 'lineage', e)),
        post(server, 'lineage/batch', others),
        post(server, 'lineage/batch', events.slice(0, 5)),
      ]);
      expect(responses.map(r => r.status)).toEqual([
        ...events.map(() => 201),
        200,
        200,
      ]);
      const run = await get(server, `runs/${runId}`);
      expect(run.body).toMatchObject({
        state: 'FAILED',
        startedAt: '2026-11-26T01:00:00.000Z',
        endedAt: '2026-11-26T01:30:00.000Z',
      });
      const endpoint = await get(
        server,
        `endpoints/${endpointId('bigquery', 'raw.events')}`,
      );
      expect(endpoint.body.consumers).toHaveLength(6);
      expect(Number((await knex('raw_events').count({ n: '*' }))[0].n)).toBe(
        20,
      );
    });

    it('stores the good events of a batch and reports the bad ones by index', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      const good = airflowScenario().slice(0, 3);
      const batch = [
        good[0],
        readCorpus('examples/proxy-fluentd', 'event_no_run_id.json'),
        good[1],
        { eventType: 'START' },
        good[2],
      ];
      const res = await post(server, 'lineage/batch', batch);
      expect(res.status).toBe(207);
      expect(res.body).toEqual({
        status: 'partial_success',
        summary: {
          received: 5,
          successful: 3,
          failed: 2,
          retriable: 0,
          non_retriable: 2,
        },
        failed_events: [
          {
            index: 1,
            reason: '$.run.runId is required',
            jsonPath: '$.run.runId',
            retriable: false,
          },
          {
            index: 3,
            reason: expect.stringContaining('not an OpenLineage event'),
            jsonPath: '$',
            retriable: false,
          },
        ],
      });
      const letters = await get(server, 'dead-letters');
      expect(letters.body.items.map((d: any) => d.batchIndex).sort()).toEqual([
        1, 3,
      ]);
      expect(JSON.parse(letters.body.items[0].payload)).toBeDefined();
      const raw = await get(server, 'events?limit=10');
      expect(raw.body.items).toHaveLength(3);
      const first = await get(server, 'events?limit=2');
      const second = await get(
        server,
        `events?limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(
        [...first.body.items, ...second.body.items].map((e: any) => e.id),
      ).toEqual(raw.body.items.map((e: any) => e.id));
      expect(second.body.nextCursor).toBeUndefined();
      const letter = await get(server, 'dead-letters?limit=1');
      const nextLetter = await get(
        server,
        `dead-letters?limit=1&cursor=${letter.body.nextCursor}`,
      );
      expect(nextLetter.body.items[0].batchIndex).toBe(1);
    });

    it('answers bad input with status, reason and JSON path, and keeps it', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex, {
        dataPlatform: { ingestion: { maxBodySize: '20kb' } },
      });

      const invalid = await post(
        server,
        'lineage',
        readCorpus(
          'examples/proxy-fluentd',
          'event_invalid_output_dataset_facet.json',
        ),
      );
      expect(invalid.status).toBe(400);
      expect(invalid.body.error).toMatchObject({
        name: 'ValidationError',
        jsonPath: '$.outputs[0].outputFacets.outputStatistics.rowCount',
      });

      const malformed = await request(server)
        .post('/api/data-platform/v1/lineage')
        .set('Authorization', service)
        .set('Content-Type', 'application/json')
        .send('{"eventType": "START",');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/not valid JSON/);
      expect(malformed.body.error.jsonPath).toBe('$');

      const notArray = await post(server, 'lineage/batch', {
        eventType: 'START',
      });
      expect(notArray.status).toBe(400);

      const big = runEvent({
        eventType: 'START',
        eventTime: '2026-11-26T01:00:00Z',
        runFacets: {
          huge: { _producer: 'p', _schemaURL: 's', blob: 'x'.repeat(40_000) },
        },
      });
      const tooLarge = await post(server, 'lineage', big);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.name).toBe('PayloadTooLargeError');

      const letters = await get(server, 'dead-letters');
      expect(letters.body.items).toHaveLength(4);
      expect(letters.body.items.map((d: any) => d.reason)).toEqual([
        expect.stringContaining('exceeds the 20kb limit'),
        '$ must be a JSON array of OpenLineage events',
        expect.stringContaining('not valid JSON'),
        expect.stringContaining(
          '$.outputs[0].outputFacets.outputStatistics.rowCount',
        ),
      ]);
      // The malformed body is kept as it came.
      expect(letters.body.items[2].payload).toBe('{"eventType": "START",');
    });

    it('accepts gzip bodies and keeps lenient notes with the raw event', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      const event = readCorpus(
        'examples/client-python',
        'serde_example_run_event.json',
      );
      // supertest would serialize a Buffer as JSON; fetch sends the bytes.
      const { port } = server.address() as AddressInfo;
      const response = await fetch(
        `http://localhost:${port}/api/data-platform/v1/lineage`,
        {
          method: 'POST',
          headers: {
            Authorization: service,
            'Content-Type': 'application/json',
            'Content-Encoding': 'gzip',
          },
          body: gzipSync(JSON.stringify(event)),
        },
      );
      const res = { status: response.status, body: await response.json() };
      expect(res.status).toBe(201);
      expect(res.body.lenientNotes).toContain(
        '$.eventTime had no time zone; UTC assumed',
      );

      const raw = await get(server, `events?runId=${event.run.runId}`);
      expect(raw.body.items).toHaveLength(1);
      expect(raw.body.items[0]).toMatchObject({
        eventKind: 'run',
        lenientNotes: expect.arrayContaining([
          '$.eventTime had no time zone; UTC assumed',
        ]),
        event,
      });
    });

    it('versions schemas only when fields change, and diffs them', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      const dataset = (fields: any[]) => ({
        namespace: 'bigquery',
        name: 'analytics.users',
        facets: schemaFacet(fields),
      });
      const v1 = [
        { name: 'id', type: 'STRING' },
        { name: 'age', type: 'INT64' },
        {
          name: 'address',
          type: 'STRUCT',
          fields: [{ name: 'city', type: 'STRING' }],
        },
      ];
      const v2 = [
        { name: 'id', type: 'STRING' },
        { name: 'age', type: 'STRING' },
        {
          name: 'address',
          type: 'STRUCT',
          fields: [
            { name: 'city', type: 'STRING' },
            { name: 'zip', type: 'STRING' },
          ],
        },
        { name: 'country', type: 'STRING' },
      ];
      const events = [v1, v1, v1, v2, v2].map((fields, i) =>
        runEvent({
          eventType: 'COMPLETE',
          eventTime: `2026-11-2${i}T00:00:00Z`,
          outputs: [dataset(fields)],
        }),
      );
      await post(server, 'lineage/batch', events).expect(200);
      const id = endpointId('bigquery', 'analytics.users');

      const versions = await get(server, `endpoints/${id}/schema-versions`);
      expect(versions.body.items).toEqual([
        expect.objectContaining({
          version: 1,
          fieldCount: 4,
          runId: events[0].run.runId,
          workflowId: workflowId('spark', 'daily_plays.aggregate'),
        }),
        expect.objectContaining({ version: 2, fieldCount: 6 }),
      ]);
      const endpoint = await get(server, `endpoints/${id}`);
      expect(endpoint.body.schema.version).toBe(2);
      expect(endpoint.body.fieldCount).toBe(6);
      expect(endpoint.body.schema.fields[2].fields).toHaveLength(2);

      const diff = await get(server, `endpoints/${id}/schema-diff?from=1&to=2`);
      expect(diff.body).toEqual({
        from: 1,
        to: 2,
        breaking: true,
        changes: [
          {
            path: 'address.zip',
            change: 'added',
            toType: 'STRING',
            breaking: false,
          },
          {
            path: 'age',
            change: 'type-changed',
            fromType: 'INT64',
            toType: 'STRING',
            breaking: true,
          },
          {
            path: 'country',
            change: 'added',
            toType: 'STRING',
            breaking: false,
          },
        ],
      });
      const back = await get(server, `endpoints/${id}/schema-diff?from=2&to=1`);
      expect(
        back.body.changes.filter((c: any) => c.change === 'removed'),
      ).toHaveLength(2);
      expect(
        (await get(server, `endpoints/${id}/schema-diff?from=1&to=9`)).status,
      ).toBe(404);
      expect(
        (await get(server, `endpoints/${id}/schema-diff?from=x&to=2`)).status,
      ).toBe(400);

      // Searching by a field name finds the endpoint.
      const found = await get(server, 'endpoints?q=ZIP');
      expect(found.body.items.map((e: any) => e.id)).toEqual([id]);
    });

    it('records schema sightings the same whatever order they arrive in', async () => {
      const v1 = [{ name: 'id', type: 'STRING' }];
      const v2 = [...v1, { name: 'plays', type: 'INT64' }];
      // The schema changes, then changes back: v1 is current at the end.
      const events = [v1, v1, v2, v2, v1].map((fields, i) =>
        runEvent({
          eventType: 'COMPLETE',
          eventTime: `2026-11-2${i}T00:00:00Z`,
          outputs: [
            {
              namespace: 'bigquery',
              name: 'analytics.plays',
              facets: schemaFacet(fields),
            },
          ],
        }),
      );
      const deliveries = [
        [[0], [1], [2], [3], [4]],
        [[4], [3], [2], [1], [0]],
        [[2], [0, 4], [3], [1]],
        [
          [3, 1],
          [4, 2, 0],
        ],
        [[0, 1, 2, 3, 4]],
      ];
      const states = [];
      for (const delivery of deliveries) {
        const knex = await databases.init(databaseId);
        const server = await start(knex);
        for (const batch of delivery) {
          await post(
            server,
            'lineage/batch',
            batch.map(i => events[i]),
          ).expect(200);
        }
        states.push(await derivedState(knex, server));
      }
      for (const state of states.slice(1)) expect(state).toEqual(states[0]);

      const day = (d: number) => new Date(`2026-11-2${d}T00:00:00Z`).getTime();
      const versions = states[0].schema_versions as any[];
      const byFields = (n: number) =>
        versions.find(v => Number(v.field_count) === n);
      expect(versions).toHaveLength(2);
      // The current version's last sighting is the endpoint's schema_time.
      expect(byFields(1)).toMatchObject({
        first_seen_at: day(0),
        last_seen_at: null,
      });
      expect(byFields(2)).toMatchObject({
        first_seen_at: day(2),
        last_seen_at: day(3),
      });
      const endpoint = (states[0].endpoints as any[])[0];
      expect(endpoint.schema_hash).toBe(byFields(1).hash);
      expect(endpoint.schema_time).toBe(day(4));
    });

    it('rebuilds the same state from the raw log on replay', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      await post(server, 'lineage/batch', airflowScenario()).expect(200);
      const before = await derivedState(knex, server);
      await knex('runs').delete();
      await knex('endpoints').update({ description: 'corrupted' });

      const res = await request(server)
        .post('/api/data-platform/v1/admin/replay')
        .set('Authorization', user);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ queued: 32 });
      expect(await derivedState(knex, server)).toEqual(before);
    });
  },
);

describe('ingestion access', () => {
  it('takes events from service principals only', async () => {
    const { server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const event = airflowScenario()[0];
    const anonymous = await request(server)
      .post('/api/data-platform/v1/lineage')
      .send(event);
    expect(anonymous.status).toBe(401);
    const asUser = await request(server)
      .post('/api/data-platform/v1/lineage')
      .set('Authorization', user)
      .send(event);
    expect(asUser.status).toBe(403);
    const asService = await request(server)
      .post('/api/data-platform/v1/lineage')
      .set('Authorization', service)
      .send(event);
    expect(asService.status).toBe(201);
  });
});
