import { TestDatabases } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { runEvent, schemaFacet } from '../__testUtils__/events';
import {
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';

// What a consumer mirroring the lists (the catalog provider, the search
// collator) asks of them: current schemas and inputs/outputs per page
// instead of a detail request per item, and only what changed since a
// time.

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ns = 'mirror';
const dataset = (name: string, fields?: string[]) => ({
  namespace: ns,
  name,
  facets: fields
    ? schemaFacet(fields.map(f => ({ name: f, type: 'string' })))
    : {},
});
const completed = (
  time: string,
  job: string,
  inputs: ReturnType<typeof dataset>[],
  outputs: ReturnType<typeof dataset>[],
) =>
  runEvent({
    eventType: 'COMPLETE',
    eventTime: time,
    job: { namespace: ns, name: job },
    inputs,
    outputs,
  });

describe.each(databases.eachSupportedId())('lists for mirrors on %s', id => {
  let server: Server;
  beforeAll(async () => {
    server = await startService(await databases.init(id));
    const first = [
      completed(
        '2026-11-01T00:00:00Z',
        'load',
        [dataset('raw', ['a'])],
        [dataset('clean', ['a', 'b'])],
      ),
      completed(
        '2026-11-01T01:00:00Z',
        'report',
        [dataset('clean', ['a', 'b'])],
        [dataset('report')],
      ),
      // A later schema: clean's current version is 2.
      completed(
        '2026-11-02T00:00:00Z',
        'load',
        [dataset('raw', ['a'])],
        [dataset('clean', ['a', 'b', 'c'])],
      ),
    ];
    const ingested = await ingestBatch(server, first);
    if (ingested.status !== 200) {
      throw new Error(`ingestion answered ${ingested.status}`);
    }
  });

  const list = async (path: string) => {
    const res = await getAsUser(server, path);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('carries each endpoint its current schema with include=schema', async () => {
    const page = await list(`endpoints?namespace=${ns}&include=schema`);
    for (const item of page.items) {
      const detail = await list(`endpoints/${item.id}`);
      expect(item.schema).toEqual(detail.schema);
      expect(item.changedAt).toEqual(expect.any(String));
    }
    const clean = page.items.find((e: any) => e.name === 'clean');
    expect(clean.schema).toMatchObject({
      version: 2,
      fields: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
    });
    expect(page.items.find((e: any) => e.name === 'report').schema).toBe(
      undefined,
    );
    // Without it, the list stays as light as it was.
    const plain = await list(`endpoints?namespace=${ns}`);
    expect(plain.items.every((e: any) => e.schema === undefined)).toBe(true);
  });

  it('carries each workflow its current inputs and outputs with include=io', async () => {
    const page = await list(`workflows?namespace=${ns}&include=io&limit=1`);
    expect(page.items).toHaveLength(1);
    let items = page.items;
    let cursor = page.nextCursor;
    while (cursor) {
      const next = await list(
        `workflows?namespace=${ns}&include=io&limit=1&cursor=${cursor}`,
      );
      items = [...items, ...next.items];
      cursor = next.nextCursor;
    }
    expect(items).toHaveLength(2);
    for (const item of items) {
      const detail = await list(`workflows/${item.id}`);
      expect(item.inputs).toEqual(detail.inputs);
      expect(item.outputs).toEqual(detail.outputs);
    }
    const load = items.find((w: any) => w.name === 'load');
    expect(load.inputs.map((e: any) => e.name)).toEqual(['raw']);
    expect(load.outputs.map((e: any) => e.name)).toEqual(['clean']);
  });

  it('lists only what changed after a time, in the order it changed', async () => {
    const all = await list(
      `endpoints?namespace=${ns}&changedAfter=2000-01-01T00:00:00Z`,
    );
    expect(all.items).toHaveLength(3);
    const times = all.items.map((e: any) => e.changedAt);
    expect([...times].sort()).toEqual(times);
    const workflows = await list(`workflows?namespace=${ns}`);
    const mark = [...times, ...workflows.items.map((w: any) => w.changedAt)]
      .sort()
      .pop();

    // Nothing changed since: empty.
    expect(
      (await list(`endpoints?namespace=${ns}&changedAfter=${mark}`)).items,
    ).toEqual([]);

    // report now reads raw too and writes a new schema to report; load
    // runs again exactly as before: its endpoints do not change, though
    // the workflow's current run does.
    const second = [
      completed(
        '2026-11-03T00:00:00Z',
        'report',
        [dataset('clean', ['a', 'b', 'c']), dataset('raw', ['a'])],
        [dataset('report', ['total'])],
      ),
      completed(
        '2026-11-03T01:00:00Z',
        'load',
        [dataset('raw', ['a'])],
        [dataset('clean', ['a', 'b', 'c'])],
      ),
    ];
    expect((await ingestBatch(server, second)).status).toBe(200);
    const endpoints = await list(
      `endpoints?namespace=${ns}&include=schema&changedAfter=${mark}`,
    );
    expect(endpoints.items.map((e: any) => e.name)).toEqual(['report']);
    expect(endpoints.items[0].schema.fields).toEqual([
      { name: 'total', type: 'string' },
    ]);
    const changedWorkflows = await list(
      `workflows?namespace=${ns}&include=io&changedAfter=${mark}&limit=1`,
    );
    expect(changedWorkflows.nextCursor).toBeDefined();
    const rest = await list(
      `workflows?namespace=${ns}&include=io&changedAfter=${mark}&limit=1&cursor=${changedWorkflows.nextCursor}`,
    );
    const names = [...changedWorkflows.items, ...rest.items]
      .map((w: any) => w.name)
      .sort();
    expect(names).toEqual(['load', 'report']);
    const report = [...changedWorkflows.items, ...rest.items].find(
      (w: any) => w.name === 'report',
    );
    expect(report.inputs.map((e: any) => e.name)).toEqual(['clean', 'raw']);
  });

  it.each([
    ['endpoints?include=io'],
    ['endpoints?include=schema,everything'],
    ['workflows?include=schema'],
    ['endpoints?changedAfter=yesterday'],
    ['workflows?changedAfter=2026-02-30T00:00:00Z'],
  ])('refuses %s', async path => {
    const res = await getAsUser(server, path);
    expect(res.status).toBe(400);
  });

  it('refuses a cursor of the other order', async () => {
    const page = await list(`endpoints?namespace=${ns}&limit=1`);
    const res = await getAsUser(
      server,
      `endpoints?changedAfter=2000-01-01T00:00:00Z&cursor=${page.nextCursor}`,
    );
    expect(res.status).toBe(400);
  });
});
