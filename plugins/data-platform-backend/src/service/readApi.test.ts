import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { entityId } from '../openlineage/ids';
import { readCorpus, runEvent, schemaFacet } from '../__testUtils__/events';
import {
  derived,
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const facet = (body: object) => ({ _producer: 'p', _schemaURL: 's', ...body });

const plays = {
  namespace: 'bigquery',
  name: 'analytics.daily_plays',
  facets: {
    ...schemaFacet([
      { name: 'user_id', type: 'STRING' },
      { name: 'track_id', type: 'STRING' },
    ]),
    documentation: facet({ description: 'Daily plays per user and track' }),
    ownership: facet({
      owners: [{ name: 'group:default/team-plays', type: 'OWNER' }],
    }),
    tags: facet({
      tags: [
        { key: 'pii', value: 'true' },
        { key: 'tier', value: '1' },
      ],
    }),
    symlinks: facet({
      identifiers: [
        {
          namespace: 'hive://metastore',
          name: 'analytics.plays',
          type: 'TABLE',
        },
      ],
    }),
    storage: facet({ storageLayer: 'bigquery', fileFormat: 'capacitor' }),
    columnLineage: readCorpus('spec/tests', 'ColumnLineageDatasetFacet/1.json')
      .columnLineage,
  },
};
const users = {
  namespace: 'bigquery',
  name: 'core.users',
  facets: {
    ownership: facet({ owners: [{ name: 'group:default/team-core' }] }),
  },
};
const raw = { namespace: 'gs://events', name: 'raw/plays' };

const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T00:00:00Z`;
const nominal = (d: number) => ({
  nominalTime: facet({ nominalStartTime: day(d), nominalEndTime: day(d + 1) }),
});
const job = { namespace: 'airflow', name: 'plays.daily_aggregate' };

function scenario() {
  const runs = [
    { id: '0193f7a2-0000-7000-8000-000000000001', d: 20, type: 'COMPLETE' },
    { id: '0193f7a2-0000-7000-8000-000000000002', d: 21, type: 'FAIL' },
    { id: '0193f7a2-0000-7000-8000-000000000003', d: 22, type: 'COMPLETE' },
    { id: '0193f7a2-0000-7000-8000-000000000004', d: 23, type: 'START' },
  ];
  const events = runs.flatMap(r => [
    runEvent({
      eventType: 'START',
      eventTime: `2026-11-${r.d + 1}T01:00:00Z`,
      runId: r.id,
      job,
      runFacets: nominal(r.d),
    }),
    ...(r.type === 'START'
      ? []
      : [
          runEvent({
            eventType: r.type,
            eventTime: `2026-11-${r.d + 1}T01:30:00Z`,
            runId: r.id,
            job: {
              ...job,
              facets: {
                sql: facet({
                  query: 'SELECT user_id, track_id FROM raw',
                  dialect: 'bigquery',
                }),
              },
            },
            runFacets: {
              ...nominal(r.d),
              ...(r.type === 'FAIL' && {
                errorMessage: facet({
                  message: 'quota exceeded',
                  programmingLanguage: 'SQL',
                }),
              }),
            },
            inputs: [
              {
                ...raw,
                inputFacets: {
                  dataQualityAssertions: facet({
                    assertions: [
                      {
                        assertion: 'not_null',
                        column: 'user_id',
                        success: r.d !== 22,
                      },
                    ],
                  }),
                },
              },
              users,
            ],
            outputs: [plays],
          }),
        ]),
  ]);
  return { runs, events };
}

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const server = await startService(knex);
  const { runs, events } = scenario();
  expect((await ingestBatch(server, events)).status).toBe(200);
  return { knex, server, runs };
}

const get = getAsUser;

describe.each(databases.eachSupportedId())('read API on %s', databaseId => {
  let server: Server;
  let knex: Knex;
  let runs: ReturnType<typeof scenario>['runs'];
  beforeAll(async () => {
    ({ server, knex, runs } = await setup(databaseId));
  });

  const playsId = entityId('endpoint', plays.namespace, plays.name);
  const workflowId = entityId('workflow', job.namespace, job.name);

  it('filters endpoints by owner, tag, text and identity', async () => {
    const names = async (query: string) => {
      const res = await get(server, `endpoints?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((e: any) => e.name);
    };
    expect(await names('owner=group:default/team-plays')).toEqual([plays.name]);
    expect(await names('owner=group:default/team-core')).toEqual([users.name]);
    expect(await names('tag=pii')).toEqual([plays.name]);
    expect(await names('tag=tier:1')).toEqual([plays.name]);
    expect(await names('q=per%20user')).toEqual([plays.name]);
    expect(await names('q=TRACK_ID')).toEqual([plays.name]);
    expect(await names('q=100%25')).toEqual([]);
    expect(await names('namespace=bigquery')).toEqual(
      [users.name, plays.name].sort(),
    );
    // A symlink alias resolves to its endpoint.
    expect(
      await names(
        `namespace=${encodeURIComponent(
          'hive://metastore',
        )}&name=analytics.plays`,
      ),
    ).toEqual([plays.name]);
  });

  it('pages through endpoints with a cursor and rejects a bad one', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(
        server,
        `endpoints?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((e: any) => `${e.namespace}/${e.name}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      'bigquery/analytics.daily_plays',
      'bigquery/core.users',
      'gs://events/raw/plays',
    ]);
    expect((await get(server, 'endpoints?cursor=garbage')).status).toBe(400);
    expect((await get(server, 'endpoints?limit=5000')).status).toBe(400);
    expect((await get(server, 'endpoints?colour=blue')).status).toBe(400);
  });

  it('describes an endpoint', async () => {
    const res = await get(server, `endpoints/${playsId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: playsId,
      description: 'Daily plays per user and track',
      owner: 'group:default/team-plays',
      tags: ['pii', 'tier:1'],
      aliases: [
        {
          namespace: 'hive://metastore',
          name: 'analytics.plays',
          type: 'TABLE',
        },
      ],
      storage: { storageLayer: 'bigquery', fileFormat: 'capacitor' },
      fieldCount: 2,
      schema: {
        version: 1,
        fields: [{ name: 'user_id' }, { name: 'track_id' }],
      },
      partitions: {
        count: 2,
        latest: {
          endpoint: { id: playsId, namespace: 'bigquery', name: plays.name },
          key: `${day(22)}/${day(23)}`,
          runId: runs[2].id,
          workflow: { id: workflowId, namespace: 'airflow' },
        },
      },
      lastPartition: { key: `${day(22)}/${day(23)}` },
      producers: [{ id: workflowId, namespace: 'airflow', name: job.name }],
      consumers: [],
    });
    expect((await get(server, 'endpoints/ep_nope')).status).toBe(404);
  });

  it('lists partitions newest first, within a time range', async () => {
    const all = await get(server, `endpoints/${playsId}/partitions`);
    expect(all.body.items.map((p: any) => p.runId)).toEqual([
      runs[2].id,
      runs[0].id,
    ]);
    const page = await get(server, `endpoints/${playsId}/partitions?limit=1`);
    expect(page.body.nextCursor).toBeDefined();
    const next = await get(
      server,
      `endpoints/${playsId}/partitions?limit=1&cursor=${page.body.nextCursor}`,
    );
    expect(next.body.items.map((p: any) => p.runId)).toEqual([runs[0].id]);
    const ranged = await get(
      server,
      `endpoints/${playsId}/partitions?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`,
    );
    expect(ranged.body.items.map((p: any) => p.runId)).toEqual([runs[0].id]);
  });

  it('describes a workflow from its latest completed run', async () => {
    const res = await get(server, `workflows/${workflowId}`);
    expect(res.body).toMatchObject({
      id: workflowId,
      sql: { query: 'SELECT user_id, track_id FROM raw', dialect: 'bigquery' },
      inputs: [
        { namespace: 'bigquery', name: 'core.users' },
        { namespace: 'gs://events', name: 'raw/plays' },
      ],
      outputs: [{ id: playsId }],
      latestRun: { id: runs[3].id, state: 'RUNNING' },
    });
    const list = await get(server, 'workflows?q=aggregate');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: workflowId,
        latestRun: expect.objectContaining({ state: 'RUNNING' }),
      }),
    ]);
  });

  it('lists runs by state and time, newest first', async () => {
    const all = await get(server, `workflows/${workflowId}/runs`);
    expect(all.body.items.map((r: any) => [r.id, r.state])).toEqual([
      [runs[3].id, 'RUNNING'],
      [runs[2].id, 'COMPLETED'],
      [runs[1].id, 'FAILED'],
      [runs[0].id, 'COMPLETED'],
    ]);
    const failed = await get(
      server,
      `workflows/${workflowId}/runs?state=FAILED`,
    );
    expect(failed.body.items).toEqual([
      expect.objectContaining({
        id: runs[1].id,
        errorMessage: 'quota exceeded',
        durationMs: 1_800_000,
      }),
    ]);
    const ranged = await get(
      server,
      `workflows/${workflowId}/runs?from=2026-11-22T00:00:00Z&to=2026-11-24T00:00:00Z`,
    );
    expect(ranged.body.items.map((r: any) => r.id)).toEqual([
      runs[2].id,
      runs[1].id,
    ]);
    const first = await get(server, `workflows/${workflowId}/runs?limit=3`);
    const rest = await get(
      server,
      `workflows/${workflowId}/runs?limit=3&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.items.map((r: any) => r.id)).toEqual([runs[0].id]);
    expect(rest.body.nextCursor).toBeUndefined();
    expect(
      (await get(server, `workflows/${workflowId}/runs?state=DONE`)).status,
    ).toBe(400);
  });

  it('keeps column lineage and quality results', async () => {
    const lineage = await knex('column_lineage').where({
      endpoint_id: playsId,
    });
    expect(lineage.length).toBeGreaterThan(3);
    expect(lineage).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'NAME',
          input_name: 'CUSTOMERS',
          input_field: 'ID',
          transformation_type: 'INDIRECT',
          transformation_subtype: 'JOIN',
        }),
      ]),
    );
    const assertions = await knex('quality_assertions')
      .where({ endpoint_id: entityId('endpoint', raw.namespace, raw.name) })
      .orderBy('run_id');
    expect(assertions.map(a => Boolean(a.success))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('lets a newer JobEvent declare the inputs and outputs', async () => {
    await request(server)
      .post('/api/data-platform/v1/lineage')
      .set('Authorization', mockCredentials.service.header())
      .send({
        eventTime: '2026-11-30T00:00:00Z',
        producer: 'https://example.com/dbt',
        schemaURL:
          'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
        job,
        inputs: [users],
        outputs: [plays],
      })
      .expect(201);
    await derived(server);
    const res = await get(server, `workflows/${workflowId}`);
    expect(res.body.inputs.map((e: any) => e.name)).toEqual(['core.users']);
    const endpoint = await get(
      server,
      `endpoints/${entityId('endpoint', users.namespace, users.name)}`,
    );
    expect(endpoint.body.consumers.map((w: any) => w.id)).toEqual([workflowId]);
  });

  it('answers 404 for what it does not know', async () => {
    expect((await get(server, 'workflows/wf_nope')).status).toBe(404);
    expect((await get(server, 'workflows/wf_nope/runs')).status).toBe(404);
    expect((await get(server, 'runs/nope')).status).toBe(404);
    expect(
      (await get(server, 'endpoints/ep_nope/schema-versions')).status,
    ).toBe(404);
  });
});
