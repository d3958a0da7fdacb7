import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  LunrSearchEngine,
  SearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import { createHash } from 'node:crypto';
import { DataPlatformSearchDocument } from '@data-platform/plugin-data-platform-common';
import {
  DATA_PLATFORM_SEARCH_TYPE,
  endpointDocument,
  workflowDocument,
} from './documents';

jest.setTimeout(60_000);

// Ids as the service mints them: a hash, which says nothing of the name.
const idOf = (prefix: string, name: string) =>
  `${prefix}_${createHash('sha256')
    .update(name)
    .digest('base64url')
    .slice(0, 22)}`;

// What the collator makes of a small platform, indexed by the search
// engines the backend runs: Lunr (SQLite, local development) and
// PostgreSQL's full-text search (production).
const endpoint = (name: string, fields: string[] = [], description?: string) =>
  endpointDocument({
    id: idOf('ep', name),
    namespace: 'postgres://warehouse:5432',
    name,
    description,
    tags: [],
    schema: {
      version: 1,
      createdAt: '2026-01-01T00:00:00Z',
      fields: fields.map(field => ({ name: field, type: 'string' })),
    },
  });

const documents: DataPlatformSearchDocument[] = [
  endpoint(
    'analytics.public.daily_plays',
    ['track_id', 'play_count', 'listener_country'],
    'Plays per track and day',
  ),
  endpoint('analytics.public.daily_plays_by_country', [
    'country',
    'play_count',
  ]),
  endpoint('analytics.public.tracks', ['track_id', 'title', 'artist']),
  endpoint('analytics.public.users', ['user_id', 'country', 'signup_date']),
  endpoint('raw.events.plays', [], 'Raw play events from the players'),
  endpoint('staging.plays_clean', ['ts', 'user_id', 'track_id']),
  // A report that has the other tables' short names among its columns.
  endpoint('reporting.public.summary', ['daily_plays', 'plays', 'tracks']),
  workflowDocument({
    id: idOf('wf', 'plays_dag.aggregate_plays'),
    namespace: 'airflow',
    name: 'plays_dag.aggregate_plays',
    description: 'Daily aggregate of plays',
    tags: [],
  }),
];

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const engines: [string, () => Promise<SearchEngine>][] = [
  [
    'Lunr',
    async () => new LunrSearchEngine({ logger: mockServices.logger.mock() }),
  ],
  ...databases
    .eachSupportedId()
    .map(([id]): [string, () => Promise<SearchEngine>] => [
      `PostgreSQL (${id})`,
      async () => {
        const knex = await databases.init(id);
        return PgSearchEngine.fromConfig(new ConfigReader({}), {
          database: { getClient: async () => knex },
          logger: mockServices.logger.mock(),
        });
      },
    ]),
];

describe.each(engines)('ranking with %s', (_name, createEngine) => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await createEngine();
    const indexer = await engine.getIndexer(DATA_PLATFORM_SEARCH_TYPE);
    await TestPipeline.fromIndexer(indexer).withDocuments(documents).execute();
  });

  async function search(term: string): Promise<string[]> {
    const { results } = await engine.query({
      term,
      types: [DATA_PLATFORM_SEARCH_TYPE],
    });
    return results.map(
      result => (result.document as DataPlatformSearchDocument).name,
    );
  }

  const havingField = (field: string) =>
    documents.filter(d => d.fields.includes(field)).map(d => d.name);

  it.each(['track_id', 'play_count', 'user_id'])(
    'finds the endpoints that have the column %s, first',
    async field => {
      const expected = havingField(field);
      expect(expected.length).toBeGreaterThan(1);
      const names = await search(field);
      expect(names.slice(0, expected.length).sort()).toEqual(expected.sort());
    },
  );

  it.each([
    ['tracks', 'analytics.public.tracks'],
    ['plays_clean', 'staging.plays_clean'],
    ['aggregate_plays', 'plays_dag.aggregate_plays'],
  ])('finds %s by its short name first', async (term, name) => {
    const names = await search(term);
    expect(names[0]).toBe(name);
  });

  // Both engines rank by how often and where a word occurs: a workflow
  // named plays_dag.aggregate_plays and described as an aggregate of plays
  // says "plays" more often than raw.events.plays does, and so does
  // daily_plays with its play_count column on PostgreSQL, whose ranking
  // counts occurrences and ignores a field's length. What holds on both:
  // the table whose short name it is comes before tables whose longer names
  // contain it and tables that only have a column of that name.
  it.each([
    [
      'daily_plays',
      'analytics.public.daily_plays',
      ['analytics.public.daily_plays_by_country', 'reporting.public.summary'],
    ],
    [
      'plays',
      'raw.events.plays',
      ['staging.plays_clean', 'reporting.public.summary'],
    ],
  ])(
    'finds %s before tables that only contain its name',
    async (term, name, after) => {
      const names = await search(term);
      expect(names).toEqual(expect.arrayContaining([name, ...after]));
      for (const other of after) {
        expect(names.indexOf(name)).toBeLessThan(names.indexOf(other));
      }
    },
  );
});
