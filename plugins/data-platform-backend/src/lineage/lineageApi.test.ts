import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DataPlatformClient,
  LineageGraph,
  LineageNode,
} from '@data-platform/plugin-data-platform-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { entityId } from '../openlineage/ids';
import { dataPlatformPlugin } from '../plugin';
import { runEvent } from '../__testUtils__/events';
import {
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const facet = (body: object) => ({ _producer: 'p', _schemaURL: 's', ...body });

const NS = 'warehouse';
const JOBS = 'etl';
const ep = (name: string) => entityId('endpoint', NS, name);
const wf = (name: string) => entityId('workflow', JOBS, name);
const dataset = (name: string, facets?: object) => ({
  namespace: NS,
  name,
  ...(facets && { facets }),
});

let runCounter = 0;
/** One run of a job: START and a terminal event, both with the IO. */
function run(
  job: string,
  io: { inputs?: any[]; outputs?: any[] },
  times: { start: string; end?: string },
  terminal: 'COMPLETE' | 'FAIL' | undefined = 'COMPLETE',
  jobFacets?: object,
) {
  runCounter += 1;
  const runId = `00000000-0000-4000-8000-${String(runCounter).padStart(
    12,
    '0',
  )}`;
  const base = {
    runId,
    job: {
      namespace: JOBS,
      name: job,
      ...(jobFacets && { facets: jobFacets }),
    },
    inputs: (io.inputs ?? []).map(d =>
      typeof d === 'string' ? dataset(d) : d,
    ),
    outputs: (io.outputs ?? []).map(d =>
      typeof d === 'string' ? dataset(d) : d,
    ),
  };
  return [
    runEvent({ ...base, eventType: 'START', eventTime: times.start }),
    ...(terminal
      ? [runEvent({ ...base, eventType: terminal, eventTime: times.end! })]
      : []),
  ];
}

/** A JobEvent: the workflow's inputs and outputs, declared statically. */
function jobEvent(
  job: string,
  io: { inputs: string[]; outputs: string[] },
  eventTime: string,
) {
  return {
    eventTime,
    producer: 'https://example.com/dbt',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
    job: { namespace: JOBS, name: job },
    inputs: io.inputs.map(name => dataset(name)),
    outputs: io.outputs.map(name => dataset(name)),
  };
}

const owned = (owner: string) => ({
  ownership: facet({ owners: [{ name: owner, type: 'OWNER' }] }),
});

/**
 * The platform the tests walk:
 *
 *   raw -> ingest -> staged -> clean -> clean_t -> report -> report_t
 *          ingest -> sibling         (upstream workflow's other output)
 *   lookup -> clean                  (downstream workflow's other input)
 *   popular -> c0..c6 -> out0..out6  (a wide endpoint)
 *   events_t -> dedupe -> events_t   (a cycle)
 *   hive alias default.aliased -> aliased -> reader
 *   mover: run 1 read src_a, run 2 src_b, run 3 (failed) src_c; writes dst
 *   orders -> "+export" (owner shaped like a formula) -> @orders_copy
 *          -> load -> final
 *   planned: a JobEvent only, plan_in -> planned -> plan_out
 *   redeclared: a run read old_in, a newer JobEvent declares new_in
 *   rerun: a JobEvent declared decl_a, a newer run read run_b
 */
function platform() {
  const t = (h: number) => `2026-11-20T${String(h).padStart(2, '0')}:00:00Z`;
  return [
    ...run(
      'ingest',
      {
        inputs: ['raw'],
        outputs: [
          dataset('staged', owned('group:default/team-ingest')),
          'sibling',
        ],
      },
      { start: t(1), end: t(2) },
      'COMPLETE',
      owned('group:default/team-ingest'),
    ),
    ...run(
      'clean',
      { inputs: ['staged', 'lookup'], outputs: ['clean_t'] },
      { start: t(2), end: t(3) },
    ),
    ...run(
      'report',
      { inputs: ['clean_t'], outputs: ['report_t'] },
      { start: t(3), end: t(4) },
      'FAIL',
    ),
    ...[0, 1, 2, 3, 4, 5, 6].flatMap(i =>
      run(
        `c${i}`,
        { inputs: ['popular'], outputs: [`out${i}`] },
        { start: t(1), end: t(2) },
      ),
    ),
    ...run(
      'dedupe',
      { inputs: ['events_t'], outputs: ['events_t'] },
      { start: t(1), end: t(2) },
    ),
    ...run(
      'writer',
      {
        outputs: [
          dataset('aliased', {
            symlinks: facet({
              identifiers: [
                {
                  namespace: 'hive://metastore',
                  name: 'default.aliased',
                  type: 'TABLE',
                },
              ],
            }),
          }),
        ],
      },
      { start: t(1), end: t(2) },
    ),
    ...run(
      'reader',
      { inputs: ['aliased'], outputs: ['report_from_alias'] },
      { start: t(2), end: t(3) },
    ),
    ...run(
      'mover',
      { inputs: ['src_a'], outputs: ['dst'] },
      { start: t(5), end: t(6) },
    ),
    ...run(
      'mover',
      { inputs: ['src_b'], outputs: ['dst'] },
      { start: t(7), end: t(8) },
    ),
    ...run(
      '+export, "quoted"',
      { inputs: ['orders'], outputs: ['@orders_copy'] },
      { start: t(1), end: t(2) },
      'COMPLETE',
      owned('=HYPERLINK("http://evil.example")'),
    ),
    ...run(
      'load',
      { inputs: ['@orders_copy'], outputs: ['final'] },
      { start: t(2), end: t(3) },
    ),
    jobEvent('planned', { inputs: ['plan_in'], outputs: ['plan_out'] }, t(1)),
    ...run(
      'redeclared',
      { inputs: ['old_in'], outputs: ['decl_out'] },
      { start: t(1), end: t(2) },
    ),
    jobEvent('redeclared', { inputs: ['new_in'], outputs: ['decl_out'] }, t(5)),
    jobEvent('rerun', { inputs: ['decl_a'], outputs: ['rerun_out'] }, t(1)),
    ...run(
      'rerun',
      { inputs: ['run_b'], outputs: ['rerun_out'] },
      { start: t(3), end: t(4) },
    ),
    ...run(
      'mover',
      { inputs: ['src_c'], outputs: ['dst'] },
      { start: t(9), end: t(10) },
      'FAIL',
    ),
  ];
}

const start = startService;
const get = getAsUser;

async function post(server: Server, events: unknown[]) {
  const res = await ingestBatch(server, events);
  expect(res.body.failed_events ?? []).toEqual([]);
  expect(res.status).toBe(200);
}

async function graph(server: Server, query: string): Promise<LineageGraph> {
  const res = await get(server, `lineage?${query}`);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  const body = res.body as LineageGraph;
  // Consistent whatever was cut: every edge joins two nodes of the answer.
  const ids = new Set(body.nodes.map(n => n.id));
  for (const edge of body.edges) {
    expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
  }
  return body;
}

const names = (g: LineageGraph) =>
  g.nodes.map(n => `${n.kind === 'workflow' ? 'wf' : 'ep'}:${n.name}`).sort();
const edgeNames = (g: LineageGraph) => {
  const byId = new Map(g.nodes.map(n => [n.id, n.name]));
  return g.edges.map(e => `${byId.get(e.from)}>${byId.get(e.to)}`).sort();
};
const node = (g: LineageGraph, name: string): LineageNode =>
  g.nodes.find(n => n.name === name)!;

const focus = (name: string) => `kind=endpoint&namespace=${NS}&name=${name}`;

describe.each(databases.eachSupportedId())('lineage API on %s', databaseId => {
  let server: Server;
  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    server = await start(knex);
    await post(server, platform());
  });

  it('walks upstream and downstream closures to the depth asked', async () => {
    const down = await graph(
      server,
      `${focus('staged')}&direction=downstream&depth=5`,
    );
    expect(names(down)).toEqual([
      'ep:clean_t',
      'ep:report_t',
      'ep:staged',
      'wf:clean',
      'wf:report',
    ]);
    expect(edgeNames(down)).toEqual([
      'clean>clean_t',
      'clean_t>report',
      'report>report_t',
      'staged>clean',
    ]);
    expect(down.focus).toBe(ep('staged'));
    expect(down.truncated).toBe(false);
    expect(node(down, 'staged').distance).toBe(0);
    expect(node(down, 'clean').distance).toBe(1);
    expect(node(down, 'clean_t').distance).toBe(1);
    expect(node(down, 'report').distance).toBe(2);
    expect(node(down, 'report_t').distance).toBe(2);

    const one = await graph(server, `${focus('staged')}&direction=downstream`);
    expect(names(one)).toEqual(['ep:clean_t', 'ep:staged', 'wf:clean']);
    // clean_t has a consumer beyond the depth: counted, left out.
    expect(node(one, 'clean_t').downstream).toEqual({ total: 1, omitted: 1 });
    // clean's other input is on the side the walk did not take.
    expect(node(one, 'clean').upstream).toEqual({ total: 2, omitted: 1 });

    const none = await graph(server, `${focus('staged')}&depth=0`);
    expect(names(none)).toEqual(['ep:staged']);
    expect(node(none, 'staged').upstream).toEqual({ total: 1, omitted: 1 });

    const up = await graph(
      server,
      `${focus('report_t')}&direction=upstream&depth=10`,
    );
    expect(names(up)).toEqual([
      'ep:clean_t',
      'ep:lookup',
      'ep:raw',
      'ep:report_t',
      'ep:staged',
      'wf:clean',
      'wf:ingest',
      'wf:report',
    ]);
  });

  it('answers both as the union of the closures, not the component', async () => {
    const both = await graph(
      server,
      `${focus('staged')}&direction=both&depth=5`,
    );
    // lookup (another input of a downstream workflow) and sibling (another
    // output of an upstream one) are connected but in neither closure.
    expect(names(both)).toEqual([
      'ep:clean_t',
      'ep:raw',
      'ep:report_t',
      'ep:staged',
      'wf:clean',
      'wf:ingest',
      'wf:report',
    ]);
    expect(node(both, 'clean').upstream).toEqual({ total: 2, omitted: 1 });
    expect(node(both, 'ingest').downstream).toEqual({ total: 2, omitted: 1 });
  });

  it('starts from a workflow: depth 0 is its inputs and outputs', async () => {
    const g = await graph(
      server,
      `kind=workflow&namespace=${JOBS}&name=clean&depth=0`,
    );
    expect(names(g)).toEqual([
      'ep:clean_t',
      'ep:lookup',
      'ep:staged',
      'wf:clean',
    ]);
    const byId = await graph(server, `id=${wf('clean')}&depth=1`);
    expect(names(byId)).toContain('wf:report');
    expect(names(byId)).toContain('wf:ingest');
  });

  it('carries owner, run state and freshness for every node', async () => {
    const g = await graph(server, `${focus('staged')}&depth=2`);
    const ingest = node(g, 'ingest');
    expect(ingest.owner).toBe('group:default/team-ingest');
    expect(ingest.status).toBe('ok');
    expect(ingest.lastRun).toMatchObject({
      state: 'COMPLETED',
      endedAt: '2026-11-20T02:00:00.000Z',
    });
    expect(node(g, 'staged').owner).toBe('group:default/team-ingest');
    expect(node(g, 'staged').status).toBe('ok');
    expect(node(g, 'staged').lastUpdatedAt).toBe('2026-11-20T02:00:00.000Z');
    expect(node(g, 'report').status).toBe('failed');
    // report_t's producer failed its last run.
    expect(node(g, 'report_t').status).toBe('failed');
    const edge = g.edges.find(e => e.from === ep('staged'))!;
    expect(edge).toEqual({
      from: ep('staged'),
      to: wf('clean'),
      firstSeenAt: '2026-11-20T02:00:00.000Z',
      lastSeenAt: '2026-11-20T03:00:00.000Z',
    });
  });

  // A wide node's page follows its neighbours' ids: the order of the
  // current-edge indexes, which a page reads without ranking them all.
  const consumersById = async (on: Server) => {
    const all = await graph(on, `${focus('popular')}&direction=downstream`);
    return all.nodes
      .filter(n => n.kind === 'workflow')
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map(n => `wf:${n.name}`);
  };

  it('cuts wide nodes at the fan-out, in id order, and counts the rest', async () => {
    const consumers = await consumersById(server);
    expect(consumers).toHaveLength(7);
    const g = await graph(
      server,
      `${focus('popular')}&direction=downstream&fanout=3`,
    );
    expect(names(g).filter(n => n.startsWith('wf:'))).toEqual(
      consumers.slice(0, 3).sort(),
    );
    expect(names(g).filter(n => n.startsWith('ep:'))).toEqual(
      [
        'ep:popular',
        ...consumers.slice(0, 3).map(c => c.replace('wf:c', 'ep:out')),
      ].sort(),
    );
    expect(node(g, 'popular').downstream).toEqual({ total: 7, omitted: 4 });
    expect(node(g, consumers[0].slice('wf:'.length)).upstream).toEqual({
      total: 1,
      omitted: 0,
    });
    const all = await graph(server, `${focus('popular')}&direction=downstream`);
    expect(node(all, 'popular').downstream).toEqual({ total: 7, omitted: 0 });
  });

  it('pages a wide node: each page the next neighbours, with a cursor while more remain', async () => {
    const consumers = await consumersById(server);
    const pages: LineageGraph[] = [];
    let after: string | undefined;
    do {
      const page = await graph(
        server,
        `${focus('popular')}&direction=downstream&depth=1&fanout=3${
          after ? `&after=${after}` : ''
        }`,
      );
      pages.push(page);
      after = page.next;
    } while (after && pages.length < 5);
    expect(pages.map(p => names(p).filter(n => n.startsWith('wf:')))).toEqual([
      consumers.slice(0, 3).sort(),
      consumers.slice(3, 6).sort(),
      consumers.slice(6),
    ]);
    expect(pages.map(p => p.next === undefined)).toEqual([false, false, true]);
    // Each page is a graph of its own: the consumers with their outputs.
    const last = consumers[6].slice('wf:'.length);
    expect(edgeNames(pages[2])).toEqual([
      `${last}>${last.replace('c', 'out')}`,
      `popular>${last}`,
    ]);
    expect(node(pages[1], 'popular').downstream).toEqual({
      total: 7,
      omitted: 4,
    });
    // No cursor where a page would not be one side of the focus.
    const both = await graph(server, `${focus('popular')}&depth=1&fanout=3`);
    expect(both.next).toBeUndefined();
    const whole = await graph(
      server,
      `${focus('popular')}&direction=downstream&depth=1`,
    );
    expect(whole.next).toBeUndefined();
  });

  it('ends a cycle where it meets a visited node', async () => {
    const g = await graph(server, `${focus('events_t')}&depth=10`);
    expect(names(g)).toEqual(['ep:events_t', 'wf:dedupe']);
    expect(edgeNames(g)).toEqual(['dedupe>events_t', 'events_t>dedupe']);
    expect(node(g, 'dedupe').distance).toBe(1);
  });

  it('resolves a symlink alias to its endpoint', async () => {
    const g = await graph(
      server,
      `kind=endpoint&namespace=${encodeURIComponent(
        'hive://metastore',
      )}&name=default.aliased&direction=downstream`,
    );
    expect(g.focus).toBe(ep('aliased'));
    expect(names(g)).toEqual([
      'ep:aliased',
      'ep:report_from_alias',
      'wf:reader',
    ]);
  });

  it('follows the current run, not a failed one, and answers as of a time', async () => {
    const now = await graph(server, `${focus('dst')}&direction=upstream`);
    expect(names(now)).toEqual(['ep:dst', 'ep:src_b', 'wf:mover']);
    const edge = now.edges.find(e => e.from === ep('src_b'))!;
    expect(edge.firstSeenAt).toBe('2026-11-20T07:00:00.000Z');
    expect(edge.lastSeenAt).toBe('2026-11-20T08:00:00.000Z');

    const then = await graph(
      server,
      `${focus('dst')}&direction=upstream&asOf=2026-11-20T06:30:00Z`,
    );
    expect(then.asOf).toBe('2026-11-20T06:30:00.000Z');
    expect(names(then)).toEqual(['ep:dst', 'ep:src_a', 'wf:mover']);

    // Before its first run completed, every edge seen so far counts.
    const running = await graph(
      server,
      `${focus('dst')}&direction=upstream&asOf=2026-11-20T05:30:00Z`,
    );
    expect(names(running)).toEqual(['ep:dst', 'ep:src_a', 'wf:mover']);

    const before = await graph(
      server,
      `${focus('dst')}&direction=upstream&asOf=2026-11-20T04:00:00Z`,
    );
    expect(names(before)).toEqual(['ep:dst']);
    expect(before.edges).toEqual([]);
  });

  it('takes JobEvent declarations when newer than the current run', async () => {
    const planned = await graph(
      server,
      `${focus('plan_in')}&direction=downstream`,
    );
    expect(names(planned)).toEqual(['ep:plan_in', 'ep:plan_out', 'wf:planned']);
    expect(planned.edges.find(e => e.from === ep('plan_in'))).toMatchObject({
      firstSeenAt: '2026-11-20T01:00:00.000Z',
      lastSeenAt: '2026-11-20T01:00:00.000Z',
    });
    expect(node(planned, 'planned').status).toBe('unknown');

    const redeclared = await graph(
      server,
      `${focus('decl_out')}&direction=upstream`,
    );
    expect(names(redeclared)).toEqual([
      'ep:decl_out',
      'ep:new_in',
      'wf:redeclared',
    ]);
    const before = await graph(
      server,
      `${focus('decl_out')}&direction=upstream&asOf=2026-11-20T03:00:00Z`,
    );
    expect(names(before)).toEqual([
      'ep:decl_out',
      'ep:old_in',
      'wf:redeclared',
    ]);

    const rerun = await graph(
      server,
      `${focus('rerun_out')}&direction=upstream`,
    );
    expect(names(rerun)).toEqual(['ep:rerun_out', 'ep:run_b', 'wf:rerun']);
    const declared = await graph(
      server,
      `${focus('rerun_out')}&direction=upstream&asOf=2026-11-20T02:00:00Z`,
    );
    expect(names(declared)).toEqual(['ep:decl_a', 'ep:rerun_out', 'wf:rerun']);
  });

  it('reports the impact downstream with owners, nearest first', async () => {
    const res = await get(server, `lineage/impact?${focus('orders')}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      focus: ep('orders'),
      items: [
        {
          id: ep('@orders_copy'),
          kind: 'endpoint',
          namespace: NS,
          name: '@orders_copy',
          distance: 1,
        },
        {
          id: wf('+export, "quoted"'),
          kind: 'workflow',
          namespace: JOBS,
          name: '+export, "quoted"',
          // Owners are resolved refs: text shaped like a formula resolves
          // to none (impactCsv.test.ts escapes the owner column anyway).
          distance: 1,
        },
        {
          id: ep('final'),
          kind: 'endpoint',
          namespace: NS,
          name: 'final',
          distance: 2,
        },
        {
          id: wf('load'),
          kind: 'workflow',
          namespace: JOBS,
          name: 'load',
          distance: 2,
        },
      ],
      owners: [{ count: 4 }],
      truncated: false,
    });
    const near = await get(server, `lineage/impact?${focus('orders')}&depth=1`);
    expect(near.body.items.map((i: any) => i.name)).toEqual([
      '@orders_copy',
      '+export, "quoted"',
    ]);
    const raw = await get(server, `lineage/impact?${focus('raw')}`);
    expect(raw.body.items.map((i: any) => `${i.distance} ${i.name}`)).toEqual([
      '1 sibling',
      '1 staged',
      '1 ingest',
      '2 clean_t',
      '2 clean',
      '3 report_t',
      '3 report',
    ]);
    expect(raw.body.owners).toEqual([
      { count: 5 },
      { owner: 'group:default/team-ingest', count: 2 },
    ]);
    // As of before load first ran, only the first hop existed.
    const then = await get(
      server,
      `lineage/impact?id=${ep('orders')}&asOf=2026-11-20T01:30:00Z`,
    );
    expect(then.body.items.map((i: any) => i.name)).toEqual([
      '@orders_copy',
      '+export, "quoted"',
    ]);
  });

  it('exports the impact as CSV that spreadsheets cannot execute', async () => {
    const res = await get(
      server,
      `lineage/impact?${focus('orders')}&format=csv`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="impact-orders.csv"',
    );
    expect(res.text.split('\r\n')).toEqual([
      'distance,kind,namespace,name,owner,id',
      `1,endpoint,${NS},'@orders_copy,,${ep('@orders_copy')}`,
      `1,workflow,${JOBS},"'+export, ""quoted""",,${wf('+export, "quoted"')}`,
      `2,endpoint,${NS},final,,${ep('final')}`,
      `2,workflow,${JOBS},load,,${wf('load')}`,
      '',
    ]);
    const bad = await get(
      server,
      `lineage/impact?${focus('orders')}&format=xls`,
    );
    expect(bad.status).toBe(400);
    const missing = await get(
      server,
      `lineage/impact?${focus('nope')}&format=csv`,
    );
    expect(missing.status).toBe(404);
  });

  it('answers the typed client of -common', async () => {
    const { port } = server.address() as AddressInfo;
    const client = new DataPlatformClient({
      discoveryApi: {
        getBaseUrl: async id => `http://localhost:${port}/api/${id}`,
      },
    });
    const token = mockCredentials.user.token();
    const g = await client.getLineage(
      {
        kind: 'endpoint',
        namespace: NS,
        name: 'dst',
        direction: 'upstream',
        depth: 2,
        fanout: 10,
        asOf: '2026-11-20T06:30:00Z',
      },
      { token },
    );
    expect(names(g)).toEqual(['ep:dst', 'ep:src_a', 'wf:mover']);
    const columns = await client.getColumnLineage(
      { namespace: NS, name: 'dst', field: 'x', direction: 'both', depth: 1 },
      { token },
    );
    expect(columns).toEqual({
      focus: `${ep('dst')}:x`,
      nodes: [
        {
          id: `${ep('dst')}:x`,
          endpointId: ep('dst'),
          namespace: NS,
          name: 'dst',
          field: 'x',
          distance: 0,
        },
      ],
      edges: [],
      truncated: false,
    });
    const impact = await client.getImpact({ id: ep('orders') }, { token });
    expect(impact.items).toHaveLength(4);
    const csv = await client.getImpactCsv(
      { kind: 'endpoint', namespace: NS, name: 'orders', depth: 1 },
      { token },
    );
    expect(csv.split('\r\n')).toHaveLength(4);
    await expect(
      client.getLineage({ id: ep('nope') }, { token }),
    ).rejects.toMatchObject({ response: { status: 404 } });
  });

  it('rejects bad parameters with a reason and unknown focus with 404', async () => {
    const bad = async (query: string, reason: RegExp) => {
      const res = await get(server, `lineage?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(reason);
    };
    await bad(`${focus('staged')}&direction=sideways`, /direction/);
    await bad(`kind=table&namespace=${NS}&name=staged`, /kind/);
    await bad(`${focus('staged')}&depth=11`, /depth/);
    await bad(`${focus('staged')}&depth=-1`, /depth/);
    await bad(`${focus('staged')}&asOf=yesterday`, /asOf/);
    await bad(`${focus('staged')}&fanout=0`, /fanout/);
    await bad(`${focus('popular')}&direction=downstream&after=x`, /after/);
    const cursor = Buffer.from('["wf_x"]').toString('base64url');
    await bad(`${focus('popular')}&after=${cursor}`, /depth=1/);
    await bad(
      `${focus('popular')}&direction=downstream&depth=2&after=${cursor}`,
      /depth=1/,
    );
    await bad(`namespace=${NS}&name=staged`, /focus/);
    await bad('', /focus/);
    const missing = await get(server, `lineage?${focus('nope')}`);
    expect(missing.status).toBe(404);
    expect((await get(server, 'lineage?id=ep_nope')).status).toBe(404);
  });
});

describe.each(databases.eachSupportedId())(
  'lineage limits on %s',
  databaseId => {
    it('stops at the node limit and says so', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex, {
        dataPlatform: {
          lineage: { maxNodes: 4, maxDepth: 3, impactMaxNodes: 2 },
        },
      });
      await post(server, platform());
      const g = await graph(server, `${focus('popular')}&direction=downstream`);
      expect(g.truncated).toBe(true);
      expect(g.nodes).toHaveLength(4);
      expect(node(g, 'popular').downstream).toEqual({ total: 7, omitted: 4 });
      const impact = await get(server, `lineage/impact?${focus('popular')}`);
      expect(impact.body.truncated).toBe(true);
      expect(impact.body.items).toHaveLength(2);
      expect(
        (await get(server, `lineage?${focus('popular')}&depth=4`)).status,
      ).toBe(400);
    });
  },
);

describe('lineage access', () => {
  it('is in the OpenAPI document', async () => {
    const { server } = await startTestBackend({
      features: [dataPlatformPlugin],
    });
    const res = await request(server)
      .get('/api/data-platform/openapi.json')
      .set('Authorization', mockCredentials.user.header());
    const paths = res.body.paths;
    expect(Object.keys(paths['/api/data-platform/v1/lineage']).sort()).toEqual([
      'get',
      'post',
    ]);
    expect(paths['/api/data-platform/v1/lineage/columns'].get).toBeDefined();
    expect(
      Object.keys(
        paths['/api/data-platform/v1/lineage/impact'].get.responses['200']
          .content,
      ),
    ).toEqual(['application/json', 'text/csv']);
  });

  it('is authorized by the metadata read permission', async () => {
    const { server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    for (const path of ['lineage', 'lineage/columns', 'lineage/impact']) {
      const res = await get(server, `${path}?id=ep_x`);
      expect(res.status).toBe(403);
    }
  });

  it('needs a token', async () => {
    const { server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    for (const path of ['lineage', 'lineage/columns', 'lineage/impact']) {
      const res = await request(server).get(
        `/api/data-platform/v1/${path}?id=ep_x`,
      );
      expect(res.status).toBe(401);
    }
  });
});
