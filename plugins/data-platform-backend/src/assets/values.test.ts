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

function facets(owner: string, tags: string[]) {
  return {
    ownership: {
      _producer: 'p',
      _schemaURL: 's',
      owners: [{ name: owner, type: 'OWNER' }],
    },
    tags: {
      _producer: 'p',
      _schemaURL: 's',
      tags: tags.map(key => ({ key, value: 'true', source: 'USER' })),
    },
  };
}

/** Five endpoints written by one job each, in two namespaces. */
const endpoints = [
  ['s3://lake', 'clicks', 'group:default/ads-measurement', ['pii', 'gold']],
  ['s3://lake', 'views', 'group:default/ads-measurement', ['gold']],
  ['s3://lake', 'orders', 'group:default/shop', ['pii']],
  ['s3://lake-eu', 'clicks', 'team:ads-eu', []],
  ['postgres://warehouse', 'public.users', 'group:default/identity', ['Pii']],
] as const;

describe.each(databases.eachSupportedId())('values and totals on %s', id => {
  let server: Server;
  beforeAll(async () => {
    server = await startService(await databases.init(id));
    const events = endpoints.map(([namespace, name, owner, tags], index) =>
      runEvent({
        eventType: 'COMPLETE',
        eventTime: '2026-12-01T04:00:00Z',
        job: {
          namespace: 'jobs',
          name: `job_${index}`,
          facets: facets(owner, [...tags]),
        },
        outputs: [{ namespace, name, facets: facets(owner, [...tags]) }],
      }),
    );
    const ingested = await ingestBatch(server, events);
    if (ingested.status !== 200)
      throw new Error(`Ingestion: ${ingested.status}`);
  });

  const values = async (query: string) => {
    const res = await getAsUser(server, `values?${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('lists namespaces, most used first, by an exact prefix', async () => {
    expect(await values('field=namespace&kind=endpoint')).toEqual([
      { value: 's3://lake', count: 3 },
      { value: 'postgres://warehouse', count: 1 },
      { value: 's3://lake-eu', count: 1 },
    ]);
    expect(
      await values('field=namespace&kind=endpoint&prefix=s3://lake-'),
    ).toEqual([{ value: 's3://lake-eu', count: 1 }]);
    // LIKE's pattern characters are the prefix's own.
    expect(await values('field=namespace&kind=endpoint&prefix=s3%25')).toEqual(
      [],
    );
    expect(await values('field=namespace&kind=workflow')).toEqual([
      { value: 'jobs', count: 5 },
    ]);
  });

  it('lists tags out of their arrays, by a prefix ignoring case', async () => {
    expect(await values('field=tag&kind=endpoint')).toEqual([
      { value: 'gold', count: 2 },
      { value: 'pii', count: 2 },
      { value: 'Pii', count: 1 },
    ]);
    expect(await values('field=tag&kind=endpoint&prefix=PI&limit=1')).toEqual([
      { value: 'pii', count: 2 },
    ]);
  });

  it('finds resolved owners by the start of the ref or of the team name', async () => {
    // `team:ads-eu` resolves to the group, as the owner filter matches it.
    expect(await values('field=owner&kind=endpoint&prefix=ads')).toEqual([
      { value: 'group:default/ads-measurement', count: 2 },
      { value: 'group:default/ads-eu', count: 1 },
    ]);
    expect(
      await values('field=owner&kind=workflow&prefix=group:default/s'),
    ).toEqual([{ value: 'group:default/shop', count: 1 }]);
  });

  it('refuses an unknown field and a limit out of bounds', async () => {
    for (const query of [
      'field=description&kind=endpoint',
      'field=tag',
      'field=tag&kind=endpoint&limit=101',
    ]) {
      const res = await getAsUser(server, `values?${query}`);
      expect(res.status).toBe(400);
    }
  });

  it('counts what the list filters match across pages', async () => {
    const res = await getAsUser(
      server,
      'endpoints?namespace=s3://lake&limit=2',
    );
    expect(res.body).toMatchObject({ total: 3 });
    expect(res.body.items).toHaveLength(2);
    expect(res.body.totalIsEstimate).toBeUndefined();
    const next = await getAsUser(
      server,
      `endpoints?namespace=s3://lake&limit=2&cursor=${res.body.nextCursor}`,
    );
    expect(next.body).toMatchObject({ total: 3 });
    const workflows = await getAsUser(
      server,
      'workflows?owner=ads-measurement',
    );
    expect(workflows.body.total).toBe(2);
  });
});
