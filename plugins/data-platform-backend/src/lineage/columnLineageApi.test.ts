import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ColumnLineageGraph } from '@data-platform/plugin-data-platform-common';
import { Server } from 'node:http';
import request from 'supertest';
import { entityId } from '../openlineage/ids';
import { dataPlatformPlugin } from '../plugin';
import { readCorpus, runEvent } from '../__testUtils__/events';
import {
  derived,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const facet = (body: object) => ({ _producer: 'p', _schemaURL: 's', ...body });
const t = (type: string, subtype: string, extra: object = {}) => ({
  type,
  subtype,
  ...extra,
});
const input = (
  namespace: string,
  name: string,
  field: string,
  ...transformations: object[]
) => ({ namespace, name, field, transformations });

// The facet examples of the OpenLineage spec, each as the output of a run.
const SNOWFLAKE = 'SnowflakeOpenLineage';
const S3 = 's3://test-bucket';
const PEOPLE = '/iceberg_warehouse/some-database/people';
const example1 = () =>
  runEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-11-20T01:00:00Z',
    job: { namespace: 'snowflake', name: 'customer_discounts' },
    inputs: [
      { namespace: SNOWFLAKE, name: 'CUSTOMERS' },
      { namespace: SNOWFLAKE, name: 'DISCOUNTS' },
    ],
    outputs: [
      {
        namespace: SNOWFLAKE,
        name: 'CUSTOMER_DISCOUNTS',
        facets: readCorpus('spec/tests', 'ColumnLineageDatasetFacet/1.json'),
      },
    ],
  });
const example2 = () =>
  runEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-11-20T01:00:00Z',
    job: { namespace: 'spark', name: 'people_next_year' },
    inputs: [{ namespace: S3, name: PEOPLE }],
    outputs: [
      {
        namespace: S3,
        name: '/iceberg_warehouse/some-database/people_next_year',
        facets: readCorpus('spec/tests', 'ColumnLineageDatasetFacet/2.json'),
      },
    ],
  });

/**
 * What Spark sends for
 *   CREATE TABLE analytics.user_plays AS
 *   SELECT u.user_id, CASE WHEN u.country IS NULL THEN 'ZZ'
 *            ELSE upper(u.country) END AS country, p.track_id
 *   FROM core.users u JOIN core.plays p ON u.user_id = p.user_id
 * with `users` named by its Hive alias in the facet, and a second job
 *   CREATE TABLE analytics.country_plays AS
 *   SELECT country, count(*) AS plays FROM analytics.user_plays
 *   GROUP BY country
 */
const BQ = 'bigquery';
const HIVE = 'hive://metastore';
const ctas = () => [
  runEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-11-20T02:00:00Z',
    job: { namespace: 'spark', name: 'user_plays_ctas' },
    inputs: [
      {
        namespace: BQ,
        name: 'core.users',
        facets: {
          symlinks: facet({
            identifiers: [
              { namespace: HIVE, name: 'default.users', type: 'TABLE' },
            ],
          }),
        },
      },
      { namespace: BQ, name: 'core.plays' },
    ],
    outputs: [
      {
        namespace: BQ,
        name: 'analytics.user_plays',
        facets: {
          columnLineage: facet({
            fields: {
              user_id: {
                inputFields: [
                  input(
                    HIVE,
                    'default.users',
                    'user_id',
                    t('DIRECT', 'IDENTITY'),
                  ),
                ],
              },
              country: {
                inputFields: [
                  input(
                    HIVE,
                    'default.users',
                    'country',
                    t('DIRECT', 'TRANSFORMATION', { description: 'upper' }),
                    t('INDIRECT', 'CONDITIONAL'),
                  ),
                ],
              },
              track_id: {
                inputFields: [
                  input(BQ, 'core.plays', 'track_id', t('DIRECT', 'IDENTITY')),
                ],
              },
            },
            dataset: [
              input(HIVE, 'default.users', 'user_id', t('INDIRECT', 'JOIN')),
              input(BQ, 'core.plays', 'user_id', t('INDIRECT', 'JOIN')),
            ],
          }),
        },
      },
    ],
  }),
  runEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-11-20T03:00:00Z',
    job: { namespace: 'spark', name: 'country_plays_ctas' },
    inputs: [{ namespace: BQ, name: 'analytics.user_plays' }],
    outputs: [
      {
        namespace: BQ,
        name: 'analytics.country_plays',
        facets: {
          columnLineage: facet({
            fields: {
              country: {
                inputFields: [
                  input(
                    BQ,
                    'analytics.user_plays',
                    'country',
                    t('DIRECT', 'IDENTITY'),
                  ),
                ],
              },
              plays: {
                inputFields: [
                  input(
                    BQ,
                    'analytics.user_plays',
                    'track_id',
                    t('DIRECT', 'AGGREGATION', { description: 'count' }),
                  ),
                ],
              },
            },
            dataset: [
              input(
                BQ,
                'analytics.user_plays',
                'country',
                t('INDIRECT', 'GROUP_BY'),
              ),
            ],
          }),
        },
      },
    ],
  }),
];

const get = (server: Server, path: string) =>
  request(server)
    .get(`/api/data-platform/v1/${path}`)
    .set('Authorization', mockCredentials.user.header());

const q = (namespace: string, name: string, rest: string) =>
  `lineage/columns?namespace=${encodeURIComponent(
    namespace,
  )}&name=${encodeURIComponent(name)}&${rest}`;

async function columns(
  server: Server,
  path: string,
): Promise<ColumnLineageGraph> {
  const res = await get(server, path);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  const body = res.body as ColumnLineageGraph;
  const ids = new Set(body.nodes.map(n => n.id));
  for (const edge of body.edges) {
    expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
  }
  return body;
}

/** Edges as `name.field > name.field: TYPE/SUBTYPE, ...`, sorted. */
function described(g: ColumnLineageGraph): string[] {
  const label = new Map(
    g.nodes.map(n => [n.id, `${n.name.split('/').pop()}.${n.field}`]),
  );
  return g.edges
    .map(
      e =>
        `${label.get(e.from)} > ${label.get(e.to)}: ${e.transformations
          .map(x => `${x.type}/${x.subtype}`)
          .join(', ')}`,
    )
    .sort();
}

const fieldsOf = (g: ColumnLineageGraph) =>
  g.nodes.map(n => `${n.distance} ${n.name.split('/').pop()}.${n.field}`);

describe.each(databases.eachSupportedId())(
  'column lineage API on %s',
  databaseId => {
    let server: Server;
    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      server = await startService(knex);
      const res = await ingestBatch(server, [
        example1(),
        example2(),
        ...ctas(),
      ]);
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    });

    it('reads the upstream of a field from the spec example, DIRECT and INDIRECT apart', async () => {
      const g = await columns(
        server,
        q(SNOWFLAKE, 'CUSTOMER_DISCOUNTS', 'field=NAME&direction=upstream'),
      );
      const focusId = entityId('endpoint', SNOWFLAKE, 'CUSTOMER_DISCOUNTS');
      expect(g.focus).toBe(`${focusId}:NAME`);
      expect(described(g)).toEqual([
        'CUSTOMERS.ID > CUSTOMER_DISCOUNTS.NAME: INDIRECT/JOIN',
        'CUSTOMERS.NAME > CUSTOMER_DISCOUNTS.NAME: DIRECT/IDENTITY',
        'DISCOUNTS.CUSTOMERS_ID > CUSTOMER_DISCOUNTS.NAME: INDIRECT/JOIN',
      ]);
      const join = g.edges.find(e => e.from.endsWith(':ID'))!;
      expect(join.transformations).toEqual([
        {
          type: 'INDIRECT',
          subtype: 'JOIN',
          description: 'ON (DISCOUNTS.CUSTOMERS_ID=CUSTOMERS.ID)',
        },
      ]);
      const direct = g.edges.find(e => e.from.endsWith(':NAME'))!;
      expect(direct.transformations).toEqual([
        { type: 'DIRECT', subtype: 'IDENTITY', masking: false },
      ]);
      const customers = g.nodes.find(n => n.name === 'CUSTOMERS')!;
      expect(customers.endpointId).toBe(
        entityId('endpoint', SNOWFLAKE, 'CUSTOMERS'),
      );
    });

    it('reads the downstream of an input field through the new index', async () => {
      const g = await columns(
        server,
        q(SNOWFLAKE, 'CUSTOMERS', 'field=ID&direction=downstream'),
      );
      expect(fieldsOf(g)).toEqual([
        '0 CUSTOMERS.ID',
        '1 CUSTOMER_DISCOUNTS.AMOUNT_OFF',
        '1 CUSTOMER_DISCOUNTS.ENDS_AT',
        '1 CUSTOMER_DISCOUNTS.NAME',
        '1 CUSTOMER_DISCOUNTS.STARTS_AT',
      ]);
      expect(
        g.edges.every(
          e =>
            e.transformations.length === 1 &&
            e.transformations[0].type === 'INDIRECT',
        ),
      ).toBe(true);
    });

    it('draws dataset-level dependencies into the whole-endpoint node', async () => {
      const g = await columns(
        server,
        q(
          S3,
          '/iceberg_warehouse/some-database/people_next_year',
          'field=ageNextYear&direction=upstream',
        ),
      );
      expect(described(g)).toEqual([
        'people.age > people_next_year.: INDIRECT/FILTER',
        'people.age > people_next_year.ageNextYear: DIRECT/TRANSFORMATION',
        'people.first_name > people_next_year.: INDIRECT/SORT',
        'people.last_name > people_next_year.: INDIRECT/SORT',
      ]);
      // Downstream of a filter column: the field it feeds and the whole
      // endpoint it filters; nothing goes on from the whole endpoint.
      const down = await columns(
        server,
        q(S3, PEOPLE, 'field=age&direction=downstream&depth=3'),
      );
      expect(described(down)).toEqual([
        'people.age > people_next_year.: INDIRECT/FILTER',
        'people.age > people_next_year.ageNextYear: DIRECT/TRANSFORMATION',
      ]);
      // Without a field, every field of the endpoint.
      const all = await columns(
        server,
        q(
          S3,
          '/iceberg_warehouse/some-database/people_next_year',
          'direction=upstream',
        ),
      );
      expect(all.focus).toBe(
        entityId(
          'endpoint',
          S3,
          '/iceberg_warehouse/some-database/people_next_year',
        ),
      );
      expect(all.edges).toHaveLength(7);
    });

    it('follows a Spark CTAS join through aliases, hop by hop', async () => {
      const users = entityId('endpoint', BQ, 'core.users');
      const up = await columns(
        server,
        q(BQ, 'analytics.user_plays', 'field=country&direction=upstream'),
      );
      expect(described(up)).toEqual([
        'core.plays.user_id > analytics.user_plays.: INDIRECT/JOIN',
        'core.users.country > analytics.user_plays.country: DIRECT/TRANSFORMATION, INDIRECT/CONDITIONAL',
        'core.users.user_id > analytics.user_plays.: INDIRECT/JOIN',
      ]);
      // The facet named users by its Hive alias: it resolves to the endpoint.
      const country = up.nodes.find(
        n => n.field === 'country' && n.distance === 1,
      )!;
      expect(country).toEqual({
        id: `${users}:country`,
        endpointId: users,
        namespace: BQ,
        name: 'core.users',
        field: 'country',
        distance: 1,
      });

      // Downstream from users.country, two endpoint hops; asked by alias.
      const down = await columns(
        server,
        q(HIVE, 'default.users', 'field=country&direction=downstream&depth=2'),
      );
      expect(down.focus).toBe(`${users}:country`);
      expect(fieldsOf(down)).toEqual([
        '0 core.users.country',
        '1 analytics.user_plays.country',
        '2 analytics.country_plays.',
        '2 analytics.country_plays.country',
      ]);
      const one = await columns(
        server,
        q(BQ, 'core.users', 'field=country&direction=downstream'),
      );
      expect(fieldsOf(one)).toEqual([
        '0 core.users.country',
        '1 analytics.user_plays.country',
      ]);

      // Both: the union of the two walks from the middle.
      const both = await columns(
        server,
        q(BQ, 'analytics.user_plays', 'field=track_id&direction=both'),
      );
      expect(described(both)).toEqual([
        'analytics.user_plays.track_id > analytics.country_plays.plays: DIRECT/AGGREGATION',
        'core.plays.track_id > analytics.user_plays.track_id: DIRECT/IDENTITY',
        'core.plays.user_id > analytics.user_plays.: INDIRECT/JOIN',
        'core.users.user_id > analytics.user_plays.: INDIRECT/JOIN',
      ]);
      const zero = await columns(
        server,
        q(BQ, 'analytics.user_plays', 'field=track_id&depth=0'),
      );
      expect(fieldsOf(zero)).toEqual(['0 analytics.user_plays.track_id']);
      expect(zero.edges).toEqual([]);
    });

    it('rejects a missing or unknown focus and bad parameters', async () => {
      expect((await get(server, 'lineage/columns')).status).toBe(400);
      expect(
        (await get(server, q(BQ, 'core.users', 'direction=sideways'))).status,
      ).toBe(400);
      expect((await get(server, q(BQ, 'core.users', 'depth=99'))).status).toBe(
        400,
      );
      expect((await get(server, q(BQ, 'nope', 'field=x'))).status).toBe(404);
      expect((await get(server, 'lineage/columns?id=ep_nope')).status).toBe(
        404,
      );
    });
  },
);

describe.each(databases.eachSupportedId())(
  'column lineage limits on %s',
  databaseId => {
    it('stops at the node limit and says so', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          dataPlatformPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { dataPlatform: { lineage: { maxNodes: 3 } } },
          }),
        ],
      });
      await request(server)
        .post('/api/data-platform/v1/lineage')
        .set('Authorization', mockCredentials.service.header())
        .send(example1())
        .expect(201);
      await derived(server);
      const g = await columns(
        server,
        q(SNOWFLAKE, 'CUSTOMER_DISCOUNTS', 'field=NAME&direction=upstream'),
      );
      expect(g.truncated).toBe(true);
      expect(g.nodes).toHaveLength(3);
      expect(g.edges).toHaveLength(2);
    });
  },
);
