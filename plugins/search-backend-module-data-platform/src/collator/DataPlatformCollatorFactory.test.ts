import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
// The real metadata service, so that the collator reads what ingestion
// derived through the real read API.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import dataPlatformPlugin from '@data-platform/plugin-data-platform-backend';
import {
  DataPlatformClient,
  DataPlatformSearchDocument,
} from '@data-platform/plugin-data-platform-common';
import {
  DataPlatformService,
  dataPlatformServiceRef,
} from '@data-platform/plugin-data-platform-node';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import searchModuleDataPlatformCollator from '..';
import { DataPlatformCollatorFactory } from './DataPlatformCollatorFactory';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const producer = 'https://example.com/producer';
const facet = (schema: string, body: object) => ({
  _producer: producer,
  _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${schema}.json`,
  ...body,
});

type Table = {
  name: string;
  description?: string;
  owner?: string;
  tags?: string[];
  fields?: {
    name: string;
    type: string;
    description?: string;
    fields?: any[];
  }[];
};

const namespace = 'postgres://warehouse:5432';
const tables: Table[] = [
  {
    name: 'analytics.public.daily_plays',
    description: 'Plays per track and day',
    owner: 'group:default/team-music',
    tags: ['pii'],
    fields: [
      { name: 'track_id', type: 'string', description: 'The played track' },
      { name: 'play_count', type: 'bigint' },
      {
        name: 'listener',
        type: 'struct',
        fields: [{ name: 'country', type: 'string', description: 'ISO code' }],
      },
    ],
  },
  {
    name: 'analytics.public.tracks',
    fields: [{ name: 'track_id', type: 'string' }],
  },
  { name: 'raw.events.plays' },
  { name: 'raw.events.skips', owner: 'group:default/team-ingest' },
  { name: 'staging.plays_clean', fields: [{ name: 'ts', type: 'timestamp' }] },
];

function dataset(table: Table) {
  return {
    namespace,
    name: table.name,
    facets: {
      ...(table.fields && {
        schema: facet('SchemaDatasetFacet', { fields: table.fields }),
      }),
      ...(table.description && {
        documentation: facet('DocumentationDatasetFacet', {
          description: table.description,
        }),
      }),
      ...(table.owner && {
        ownership: facet('OwnershipDatasetFacet', {
          owners: [{ name: table.owner, type: 'team' }],
        }),
      }),
      ...(table.tags && {
        tags: facet('TagsDatasetFacet', {
          tags: table.tags.map(key => ({ key, value: 'true', source: 'test' })),
        }),
      }),
    },
  };
}

// Three jobs: each reads one table and writes the next.
const jobs = ['ingest_plays', 'clean_plays', 'aggregate_plays'].map(
  (name, i) => ({
    eventType: 'COMPLETE',
    eventTime: `2026-01-0${i + 1}T00:00:00.000Z`,
    producer,
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: `0190c6d4-0000-7000-8000-00000000000${i}`, facets: {} },
    job: {
      namespace: 'airflow',
      name: `plays_dag.${name}`,
      facets:
        i === 2
          ? {
              documentation: facet('DocumentationJobFacet', {
                description: 'Daily aggregate of plays',
              }),
              ownership: facet('OwnershipJobFacet', {
                owners: [{ name: 'group:default/team-music', type: 'team' }],
              }),
            }
          : {},
    },
    // The first creates every table, the others move plays along.
    inputs: [[], [tables[2]], [tables[4]]][i].map(dataset),
    outputs: [tables, [tables[4]], [tables[0]]][i].map(dataset),
  }),
);

/**
 * The metadata service and the search module in one test backend, the
 * collator's factory taken from the index registry, the data platform
 * client for the test's own reads.
 */
async function start(databaseId: (typeof databases)['supportedIds'][number]) {
  const knex = await databases.init(databaseId);
  const addCollator = jest.fn();
  let captured: { dataPlatform: DataPlatformService; auth: any } | undefined;
  const probe = createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: { dataPlatform: dataPlatformServiceRef, auth: coreServices.auth },
        async init(deps) {
          captured = deps;
        },
      });
    },
  });
  const backend = await startTestBackend({
    extensionPoints: [
      [searchIndexRegistryExtensionPoint, { addCollator, addDecorator() {} }],
    ],
    features: [
      dataPlatformPlugin,
      searchModuleDataPlatformCollator,
      probe,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          search: {
            collators: {
              dataPlatform: {
                pageSize: 2,
                schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
              },
            },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const baseUrl = `http://localhost:${port}/api/data-platform`;
  const client = new DataPlatformClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
  });
  const token = mockCredentials.user.token();

  async function ingest(events: unknown[]) {
    const response = await fetch(`${baseUrl}/v1/lineage/batch`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.service.header(),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(events),
    });
    expect(response.status).toBe(200);
    for (;;) {
      const { backlog, failed } = await client.getDerivationStatus({ token });
      expect(failed).toBe(0);
      if (backlog === 0) return;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  expect(addCollator).toHaveBeenCalledTimes(1);
  const factory: DocumentCollatorFactory = addCollator.mock.calls[0][0].factory;
  return { backend, factory, client, token, ingest, ...captured! };
}

async function collect(collator: Readable): Promise<IndexableDocument[]> {
  const documents: IndexableDocument[] = [];
  for await (const document of collator) documents.push(document);
  return documents;
}

describe.each(databases.eachSupportedId())(
  'DataPlatformCollatorFactory on %s',
  databaseId => {
    it('indexes every endpoint and workflow, with fields, across pages', async () => {
      const { backend, factory, client, token, ingest } = await start(
        databaseId,
      );
      try {
        // An empty platform indexes nothing, and does not fail.
        await expect(collect(await factory.getCollator())).resolves.toEqual([]);

        await ingest(jobs);
        const endpoints = await client.listEndpoints({ limit: 50 }, { token });
        const workflows = await client.listWorkflows({ limit: 50 }, { token });
        // More than one page of each at the configured page size of 2.
        expect(endpoints.items).toHaveLength(5);
        expect(workflows.items).toHaveLength(3);
        const idOf = (name: string) =>
          [...endpoints.items, ...workflows.items].find(e => e.name === name)!
            .id;

        const documents = (await collect(
          await factory.getCollator(),
        )) as DataPlatformSearchDocument[];

        expect(factory.type).toBe('data-platform');
        expect(documents.map(d => d.location)).toEqual([
          ...endpoints.items.map(e => `/data/endpoints/${e.id}`),
          ...workflows.items.map(w => `/data/workflows/${w.id}`),
        ]);
        expect(documents[0]).toEqual({
          title: 'analytics.public.daily_plays',
          text: [
            'daily_plays',
            'analytics public',
            'Plays per track and day',
            namespace,
            'group:default/team-music',
            'pii',
            'track_id\nThe played track',
            'play_count',
            'listener',
            'country\nISO code',
          ].join('\n'),
          location: `/data/endpoints/${idOf('analytics.public.daily_plays')}`,
          kind: 'endpoint',
          id: idOf('analytics.public.daily_plays'),
          namespace,
          name: 'analytics.public.daily_plays',
          shortName: 'daily_plays',
          owner: 'group:default/team-music',
          tags: ['pii'],
          fields: ['track_id', 'play_count', 'listener', 'listener.country'],
        });
        const byName = Object.fromEntries(documents.map(d => [d.name, d]));
        expect(byName['raw.events.plays']).toMatchObject({
          kind: 'endpoint',
          shortName: 'plays',
          tags: [],
          fields: [],
        });
        expect(byName['raw.events.plays'].owner).toBeUndefined();
        expect(byName['staging.plays_clean']).toMatchObject({
          fields: ['ts'],
        });
        expect(byName['plays_dag.aggregate_plays']).toEqual({
          title: 'plays_dag.aggregate_plays',
          text: [
            'aggregate_plays',
            'plays_dag',
            'Daily aggregate of plays',
            'airflow',
            'group:default/team-music',
          ].join('\n'),
          location: `/data/workflows/${idOf('plays_dag.aggregate_plays')}`,
          kind: 'workflow',
          id: idOf('plays_dag.aggregate_plays'),
          namespace: 'airflow',
          name: 'plays_dag.aggregate_plays',
          shortName: 'aggregate_plays',
          owner: 'group:default/team-music',
          tags: [],
          fields: [],
        });
      } finally {
        await backend.stop();
      }
    });

    it('streams: the first document comes before the next page is read', async () => {
      const { backend, dataPlatform, auth, ingest } = await start(databaseId);
      try {
        await ingest(jobs);
        const listed: string[] = [];
        const spied: DataPlatformService = {
          ...dataPlatform,
          listEndpoints: async (filters, options) => {
            listed.push(filters?.cursor ?? 'first');
            return dataPlatform.listEndpoints(filters, options);
          },
        };
        const factory = DataPlatformCollatorFactory.fromConfig(
          new ConfigReader({
            search: { collators: { dataPlatform: { pageSize: 2 } } },
          }),
          { auth, dataPlatform: spied },
        );
        // The generator under the Readable, which would read ahead.
        const documents = factory.execute();
        const first = await documents.next();
        expect(first.value).toMatchObject({ kind: 'endpoint' });
        expect(listed).toEqual(['first']);
        let rest = 0;
        while (!(await documents.next()).done) rest++;
        expect(rest).toBe(7);
        // Three pages of two endpoints: the first, then by cursor.
        expect(listed).toHaveLength(3);
        expect(new Set(listed).size).toBe(3);
      } finally {
        await backend.stop();
      }
    });
  },
);
