import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { Server } from 'node:http';
import { entityId } from '../openlineage/ids';
import { EventLogStore } from '../eventlog/EventLogStore';
import { createFactWriter } from '../projectors';
import { runEvent } from '../__testUtils__/events';
import {
  facet,
  noise,
  outcome as outcomeOn,
  postRaw as post,
  rejected,
} from '../__testUtils__/storableInput';
import { derived, getAsUser, startService } from '../__testUtils__/testService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const start = '2026-11-25T10:00:00Z';

describe.each(databases.eachSupportedId())(
  'times, numbers and shapes PostgreSQL or derivation cannot take, on %s',
  (databaseId: TestDatabaseId) => {
    let server: Server;
    let knex: Knex;
    const outcome = (event: unknown) => outcomeOn(server, event);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startService(knex);
    });

    it.each([
      ['year 0000', { eventTime: '0000-01-01T00:00:00Z' }, '$.eventTime'],
      [
        'past year 9999 in UTC',
        { eventTime: '9999-12-31T23:59:59-01:00' },
        '$.eventTime',
      ],
      [
        'a nominal time in year 0000',
        {
          runFacets: {
            nominalTime: facet({ nominalStartTime: '0000-06-01T00:00:00' }),
          },
        },
        '$.run.facets.nominalTime.nominalStartTime',
      ],
    ])(
      'rejects a time out of range: %s',
      async (_what, overrides, jsonPath) => {
        expect(
          await outcome(
            runEvent({ eventType: 'START', eventTime: start, ...overrides }),
          ),
        ).toEqual(rejected(jsonPath));
      },
    );

    it('accepts and derives the first and the last time it can store', async () => {
      for (const eventTime of [
        '0001-01-01T00:00:00Z',
        '9999-12-31T23:59:59.999Z',
      ]) {
        const event = runEvent({ eventType: 'START', eventTime });
        expect((await post(server, 'lineage', event)).status).toBe(201);
        await derived(server);
        const run = await getAsUser(server, `runs/${event.run.runId}`);
        expect(run.body.startedAt).toBe(new Date(eventTime).toISOString());
      }
    });

    it('rejects a number JSON can only read as Infinity', async () => {
      const event = JSON.stringify(
        runEvent({
          eventType: 'START',
          eventTime: start,
          runFacets: { custom: facet({ deep: [0] }) },
        }),
      ).replace('"deep":[0]', '"deep":[1e400]');
      expect(await outcome(event)).toEqual(
        rejected('$.run.facets.custom.deep[0]'),
      );
    });

    it.each([
      ['outputStatistics.size', { size: 1e30 }],
      ['outputStatistics.rowCount', { rowCount: 2 ** 53 }],
      ['outputStatistics.fileCount', { fileCount: 2 ** 31 }],
    ])('rejects a count its column cannot hold: %s', async (what, stats) => {
      expect(
        await outcome(
          runEvent({
            eventType: 'COMPLETE',
            eventTime: start,
            outputs: [
              {
                namespace: 'd',
                name: 'n',
                outputFacets: { outputStatistics: facet(stats) },
              },
            ],
          }),
        ),
      ).toEqual(rejected(`$.outputs[0].outputFacets.${what}`));
    });

    it('rejects a data quality metric its column cannot hold', async () => {
      expect(
        await outcome(
          runEvent({
            eventType: 'COMPLETE',
            eventTime: start,
            inputs: [
              {
                namespace: 'd',
                name: 'm',
                inputFacets: {
                  dataQualityMetrics: facet({ bytes: 1e20, columnMetrics: {} }),
                },
              },
            ],
          }),
        ),
      ).toEqual(rejected('$.inputs[0].inputFacets.dataQualityMetrics.bytes'));
    });

    it('keeps the good events of a batch and reports the bad ones', async () => {
      const good = runEvent({ eventType: 'START', eventTime: start });
      const repaired = runEvent({
        eventType: 'START',
        eventTime: start,
        job: { namespace: 'batch', name: 'with\u0000nul' },
      });
      const batch = [
        good,
        runEvent({ eventType: 'START', eventTime: '0000-01-01T00:00:00Z' }),
        repaired,
        runEvent({
          eventType: 'START',
          eventTime: start,
          job: { namespace: 'b', name: noise(2000, 9) },
        }),
      ];
      const res = await post(server, 'lineage/batch', batch);
      expect(res.status).toBe(207);
      expect(res.body.summary).toMatchObject({
        received: 4,
        successful: 2,
        failed: 2,
      });
      expect(res.body.failed_events).toEqual([
        expect.objectContaining({ index: 1, jsonPath: '$.eventTime' }),
        expect.objectContaining({ index: 3, jsonPath: '$.job.name' }),
      ]);
      await derived(server);
      for (const event of [good, repaired]) {
        const run = await getAsUser(server, `runs/${event.run.runId}`);
        expect(run.status).toBe(200);
      }
      // A batch's answer has no notes; the raw log keeps them.
      const raw = await getAsUser(server, `events?runId=${repaired.run.runId}`);
      expect(raw.body.items).toEqual([
        expect.objectContaining({
          job: { namespace: 'batch', name: 'with\ufffdnul' },
          lenientNotes: [
            '$.job.name had 1 character PostgreSQL cannot store (NUL or an unpaired surrogate); replaced with U+FFFD',
          ],
        }),
      ]);
      const letters = await getAsUser(server, 'dead-letters?limit=500');
      expect(letters.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ batchIndex: 1, jsonPath: '$.eventTime' }),
          expect.objectContaining({ batchIndex: 3, jsonPath: '$.job.name' }),
        ]),
      );
    });

    it('keeps a dead letter whatever its payload holds', async () => {
      // Over HTTP a lone surrogate arrives as U+FFFD (the client's UTF-8
      // encoder), a NUL as a NUL byte: the route keeps such a body base64.
      const body = '{"eventType": "START", \u0000 \ud800}';
      const res = await post(server, 'lineage', body);
      expect(res.status).toBe(400);
      const letters = await getAsUser(server, 'dead-letters?limit=500');
      expect(letters.body.items).toContainEqual(
        expect.objectContaining({
          payload: Buffer.from(body, 'utf8').toString('base64'),
          reason: expect.stringMatching(
            /^\$ is not valid JSON: .*base64-encoded since it holds NUL bytes$/,
          ),
        }),
      );
      // Whatever else hands the store a dead letter, it is kept: what
      // PostgreSQL refuses in payload, reason or path becomes U+FFFD.
      const store = new EventLogStore(knex, createFactWriter());
      await store.addDeadLetters([
        {
          source: 'openlineage',
          reason: 'refused \u0000',
          jsonPath: '$.a\ud800',
          payload: '{"x": "\u0000 \ud800"}',
        },
      ]);
      const stored = await store.listDeadLetters({ limit: 1 });
      expect(stored.items[0]).toMatchObject({
        payload: '{"x": "\ufffd \ufffd"}',
        jsonPath: '$.a\ufffd',
        reason: expect.stringMatching(
          /^refused \ufffd \(kept with \d+ NUL or unpaired surrogate characters replaced with U\+FFFD, which PostgreSQL cannot store\)$/,
        ),
      });
    });

    it('derives a partition whose dimensions hold objects', async () => {
      const event = runEvent({
        eventType: 'COMPLETE',
        eventTime: start,
        outputs: [
          {
            namespace: 'dims',
            name: 'objects',
            outputFacets: {
              subset: facet({
                outputCondition: {
                  type: 'partition',
                  partitions: [
                    {
                      dimensions: { day: '2026-11-25', odd: { toString: 'x' } },
                    },
                  ],
                },
              }),
            },
          },
        ],
      });
      expect((await post(server, 'lineage', event)).status).toBe(201);
      await derived(server);
      const partitions = await getAsUser(
        server,
        `endpoints/${entityId('endpoint', 'dims', 'objects')}/partitions`,
      );
      expect(partitions.body.items.map((p: any) => p.key)).toEqual([
        'day=2026-11-25/odd={"toString":"x"}',
      ]);
    });

    it('derives a RunEvent that carries a stray dataset property', async () => {
      const event = {
        ...runEvent({ eventType: 'START', eventTime: start }),
        dataset: 'stray',
      };
      expect((await post(server, 'lineage', event)).status).toBe(201);
      await derived(server);
      expect((await getAsUser(server, `runs/${event.run.runId}`)).status).toBe(
        200,
      );
    });

    it('keeps a JobEvent that carries a stray eventType', async () => {
      const event = {
        eventType: 'NOT-A-RUN-EVENT-TYPE-AT-ALL',
        eventTime: start,
        producer: 'https://example.com/producer',
        schemaURL:
          'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
        job: { namespace: 'stray', name: 'event-type' },
      };
      expect((await post(server, 'lineage', event)).status).toBe(201);
      await derived(server);
      const workflow = await getAsUser(
        server,
        `workflows/${entityId('workflow', 'stray', 'event-type')}`,
      );
      expect(workflow.status).toBe(200);
    });

    it('accepts facets without _producer and _schemaURL, with notes', async () => {
      const event = runEvent({
        eventType: 'START',
        eventTime: start,
        runFacets: { custom: { value: 1 } },
        job: {
          namespace: 'facets',
          name: 'bare',
          facets: { documentation: { description: 'd' } },
        },
      });
      const res = await post(server, 'lineage', event);
      expect(res.status).toBe(201);
      expect(res.body.lenientNotes).toEqual([
        '$.run.facets.custom._producer was missing',
        '$.run.facets.custom._schemaURL was missing',
        '$.job.facets.documentation._producer was missing',
        '$.job.facets.documentation._schemaURL was missing',
      ]);
      await derived(server);
      const workflow = await getAsUser(
        server,
        `workflows/${entityId('workflow', 'facets', 'bare')}`,
      );
      expect(workflow.body.description).toBe('d');
    });

    it('says a number where a string belongs must be a string', async () => {
      const event = runEvent({ eventType: 'START', eventTime: start });
      expect(
        await outcome({ ...event, job: { namespace: 'n', name: 42 } }),
      ).toEqual(rejected('$.job.name'));
      const res = await post(server, 'lineage', {
        ...event,
        job: { namespace: 'n', name: 42 },
      });
      expect(res.body.error.message).toBe('$.job.name must be a string');
    });
  },
);
