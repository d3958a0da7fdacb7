import { TestDatabases } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { runEvent } from '../__testUtils__/events';
import {
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Each endpoint's one tag, keyed by the endpoint's name. */
const tags: Record<string, string> = {
  underscore: 'data_owner',
  lookalike: 'dataXowner',
  percent: '100%',
  percentLookalike: '100x',
  upper: 'PII',
  quote: 'say:"hi"',
};

function tagged(name: string) {
  return runEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-11-30T04:00:00Z',
    job: { namespace: 'tags', name: `write_${name}` },
    outputs: [
      {
        namespace: 'tags',
        name,
        facets: {
          tags: {
            _producer: 'p',
            _schemaURL: 's',
            tags: [{ key: tags[name], value: 'true', source: 'test' }],
          },
        },
      },
    ],
  });
}

describe.each(databases.eachSupportedId())('tag filter on %s', databaseId => {
  let server: Server;
  beforeAll(async () => {
    server = await startService(await databases.init(databaseId));
    const res = await ingestBatch(server, Object.keys(tags).map(tagged));
    if (res.status !== 200) throw new Error(`ingestion answered ${res.status}`);
  });

  const names = async (tag: string) => {
    const res = await getAsUser(
      server,
      `endpoints?limit=100&namespace=tags&tag=${encodeURIComponent(tag)}`,
    );
    expect(res.status).toBe(200);
    return res.body.items.map((item: any) => item.name);
  };

  it('matches LIKE pattern characters literally', async () => {
    expect(await names('data_owner')).toEqual(['underscore']);
    expect(await names('100%')).toEqual(['percent']);
    expect(await names('say:"hi"')).toEqual(['quote']);
  });

  it('matches tags case-insensitively', async () => {
    expect(await names('pii')).toEqual(['upper']);
    expect(await names('PII')).toEqual(['upper']);
  });

  it('matches whole tags only', async () => {
    expect(await names('data')).toEqual([]);
    expect(await names('PI')).toEqual([]);
  });
});
