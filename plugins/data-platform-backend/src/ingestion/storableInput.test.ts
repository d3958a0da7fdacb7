import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { entityId } from '../openlineage/ids';
import { runEvent } from '../__testUtils__/events';
import {
  astral,
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
  'text and lengths PostgreSQL cannot store, on %s',
  (databaseId: TestDatabaseId) => {
    let server: Server;
    const outcome = (event: unknown) => outcomeOn(server, event);

    beforeAll(async () => {
      server = await startService(await databases.init(databaseId));
    });

    it('replaces NUL and unpaired surrogates, notes them, and derives the event', async () => {
      const event = runEvent({
        eventType: 'START',
        eventTime: start,
        job: { namespace: 'nul', name: 'load\u0000daily' },
        runFacets: {
          custom: facet({ deep: [{ text: 'a\u0000b' }], 'key\u0000': 'x' }),
        },
        inputs: [{ namespace: 'nul', name: 'plays\ud800' }],
      });
      const res = await post(server, 'lineage', event);
      expect(res.status).toBe(201);
      const replaced =
        'had 1 character PostgreSQL cannot store (NUL or an unpaired surrogate); replaced with U+FFFD';
      expect(res.body.lenientNotes).toEqual(
        expect.arrayContaining([
          `$.job.name ${replaced}`,
          `$.inputs[0].name ${replaced}`,
          `$.run.facets.custom.deep[0].text ${replaced}`,
          `$.run.facets.custom["key\\u0000"] (a key) ${replaced}`,
        ]),
      );
      await derived(server);

      const workflow = await getAsUser(
        server,
        `workflows/${entityId('workflow', 'nul', 'load\ufffddaily')}`,
      );
      expect(workflow.status).toBe(200);
      expect(workflow.body.name).toBe('load\ufffddaily');
      const endpoint = await getAsUser(
        server,
        `endpoints/${entityId('endpoint', 'nul', 'plays\ufffd')}`,
      );
      expect(endpoint.status).toBe(200);
      const run = await getAsUser(server, `runs/${event.run.runId}`);
      expect(run.body.facets.custom).toMatchObject({
        deep: [{ text: 'a\ufffdb' }],
        'key\ufffd': 'x',
      });
    });

    it('rejects keys that become the same once replaced', async () => {
      expect(
        await outcome(
          runEvent({
            eventType: 'START',
            eventTime: start,
            runFacets: { custom: facet({ 'a\u0000': 1, 'a\ud800': 2 }) },
          }),
        ),
      ).toEqual(rejected('$.run.facets.custom["a\\ud800"]'));
    });

    it('stores the longest values it accepts, in the widest index', async () => {
      // column_lineage's primary key holds all of these at once.
      const input = {
        namespace: noise(512, 1),
        name: noise(1024, 2),
        field: noise(256, 3),
        transformations: [{ type: astral(32), subtype: astral(64) }],
      };
      const event = runEvent({
        eventType: 'COMPLETE',
        eventTime: start,
        runId: astral(255),
        job: {
          namespace: noise(512, 4),
          name: noise(1024, 5),
          facets: {
            ownership: facet({ owners: [{ name: astral(255) }] }),
            sql: facet({ query: 'select 1', dialect: astral(64) }),
          },
        },
        runFacets: {
          parent: facet({
            run: { runId: astral(255) },
            job: { namespace: 'p', name: 'p' },
          }),
        },
        inputs: [
          {
            namespace: input.namespace,
            name: input.name,
            facets: {
              symlinks: facet({
                identifiers: [
                  {
                    namespace: noise(512, 6),
                    name: noise(1024, 7),
                    type: astral(64),
                  },
                ],
              }),
            },
            inputFacets: {
              dataQualityAssertions: facet({
                assertions: [
                  {
                    assertion: noise(512, 8),
                    column: noise(512, 9),
                    success: true,
                  },
                ],
              }),
            },
          },
        ],
        outputs: [
          {
            namespace: noise(512, 10),
            name: noise(1024, 11),
            facets: {
              columnLineage: facet({
                fields: { [noise(256, 12)]: { inputFields: [input] } },
              }),
            },
            outputFacets: {
              subset: facet({
                outputCondition: {
                  type: 'location',
                  locations: [noise(1024, 13)],
                },
              }),
              outputStatistics: facet({
                rowCount: 2 ** 53 - 1,
                size: -(2 ** 53 - 1),
                fileCount: 2 ** 31 - 1,
              }),
            },
          },
        ],
      });
      const res = await post(server, 'lineage', event);
      expect(res.status).toBe(201);
      await derived(server);
      const output = entityId(
        'endpoint',
        event.outputs[0].namespace,
        event.outputs[0].name,
      );
      const partitions = await getAsUser(
        server,
        `endpoints/${output}/partitions`,
      );
      expect(partitions.body.items).toEqual([
        expect.objectContaining({
          key: event.outputs[0].outputFacets.subset.outputCondition
            .locations[0],
          rowCount: 2 ** 53 - 1,
          fileCount: 2 ** 31 - 1,
        }),
      ]);
    });

    it.each([
      [
        'a job name',
        { job: { namespace: 'j', name: noise(1025, 1) } },
        '$.job.name',
      ],
      [
        'a job namespace',
        { job: { namespace: noise(513, 1), name: 'j' } },
        '$.job.namespace',
      ],
      [
        'a dataset name',
        { inputs: [{ namespace: 'd', name: noise(1025, 2) }] },
        '$.inputs[0].name',
      ],
      ['a run id', { runId: astral(256) }, '$.run.runId'],
      [
        'a parent run id',
        {
          runFacets: {
            parent: facet({
              run: { runId: 'r'.repeat(256) },
              job: { namespace: 'p', name: 'p' },
            }),
          },
        },
        '$.run.facets.parent.run.runId',
      ],
      [
        'an owner',
        {
          job: {
            namespace: 'j',
            name: 'o',
            facets: {
              ownership: facet({ owners: [{ name: 'o'.repeat(256) }] }),
            },
          },
        },
        '$.job.facets.ownership.owners[0].name',
      ],
      [
        'an SQL dialect',
        {
          job: {
            namespace: 'j',
            name: 's',
            facets: { sql: facet({ query: 'q', dialect: 'd'.repeat(65) }) },
          },
        },
        '$.job.facets.sql.dialect',
      ],
      [
        'a symlink type',
        {
          inputs: [
            {
              namespace: 'd',
              name: 'a',
              facets: {
                symlinks: facet({
                  identifiers: [
                    { namespace: 'n', name: 'm', type: 't'.repeat(65) },
                  ],
                }),
              },
            },
          ],
        },
        '$.inputs[0].facets.symlinks.identifiers[0].type',
      ],
      [
        'a column lineage field',
        {
          outputs: [
            {
              namespace: 'd',
              name: 'c',
              facets: {
                columnLineage: facet({
                  fields: {
                    f: {
                      inputFields: [
                        { namespace: 'n', name: 'm', field: noise(257, 3) },
                      ],
                    },
                  },
                }),
              },
            },
          ],
        },
        '$.outputs[0].facets.columnLineage.fields.f.inputFields[0].field',
      ],
      [
        'a transformation type',
        {
          outputs: [
            {
              namespace: 'd',
              name: 't',
              facets: {
                columnLineage: facet({
                  fields: {
                    f: {
                      inputFields: [
                        {
                          namespace: 'n',
                          name: 'm',
                          field: 'g',
                          transformations: [{ type: 'T'.repeat(33) }],
                        },
                      ],
                    },
                  },
                }),
              },
            },
          ],
        },
        '$.outputs[0].facets.columnLineage.fields.f.inputFields[0].transformations[0].type',
      ],
      [
        'a partition key',
        {
          outputs: [
            {
              namespace: 'd',
              name: 'p',
              outputFacets: {
                subset: facet({
                  outputCondition: {
                    type: 'location',
                    locations: [noise(1025, 4)],
                  },
                }),
              },
            },
          ],
        },
        '$.outputs[0].outputFacets.subset',
      ],
      [
        'an assertion',
        {
          inputs: [
            {
              namespace: 'd',
              name: 'q',
              inputFacets: {
                dataQualityAssertions: facet({
                  assertions: [{ assertion: noise(513, 5), success: true }],
                }),
              },
            },
          ],
        },
        '$.inputs[0].inputFacets.dataQualityAssertions.assertions[0].assertion',
      ],
    ])(
      'rejects %s longer than its column or index',
      async (_what, overrides, jsonPath) => {
        const { job, runId, runFacets, inputs, outputs } = overrides as any;
        expect(
          await outcome(
            runEvent({
              eventType: 'COMPLETE',
              eventTime: start,
              job,
              runId,
              runFacets,
              inputs,
              outputs,
            }),
          ),
        ).toEqual(rejected(jsonPath));
      },
    );
  },
);
