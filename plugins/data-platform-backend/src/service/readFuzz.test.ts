import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  eventsBetween,
  generatePlatform,
} from '@data-platform/runtime-simulator';
import fc from 'fast-check';
import { Server } from 'node:http';
import {
  edgeNumber,
  edgeTimestamp,
  fuzzParameters,
  hostileJson,
  hostileString,
  percentEncode,
} from '../__testUtils__/fuzz';
import {
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';
import { spec } from '../schema/openapi';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

type Route = { template: string; pathParams: string[]; queryParams: string[] };

/**
 * Every GET route of the OpenAPI document with its parameters, so that a
 * route or parameter added later is fuzzed without touching this file.
 */
function readRoutes(): Route[] {
  const shared = spec.components.parameters as Record<
    string,
    { name: string; in: string }
  >;
  return Object.entries(spec.paths).flatMap(([template, item]) => {
    const get = (item as { get?: { parameters?: unknown[] } }).get;
    // Health answers 503 when the service is unwell: that is its answer.
    if (!get || template === '/health') return [];
    const params = (get.parameters ?? []).map(p => {
      const ref = (p as { $ref?: string }).$ref;
      return ref
        ? shared[ref.split('/').pop()!]
        : (p as { name: string; in: string });
    });
    return [
      {
        template,
        pathParams: params.filter(p => p.in === 'path').map(p => p.name),
        queryParams: params.filter(p => p.in === 'query').map(p => p.name),
      },
    ];
  });
}

/** What the service holds, for the fuzz to mix into its requests. */
type Known = { ids: string[]; names: string[]; cursors: string[] };

async function seed(server: Server): Promise<Known> {
  const start = new Date('2026-05-04T00:00:00Z');
  const platform = generatePlatform({
    seed: 11,
    teams: 3,
    endpoints: 40,
    workflows: 15,
    historyStart: new Date('2026-05-01T00:00:00Z'),
    historyDays: 5,
  });
  const events = eventsBetween(
    platform,
    start,
    new Date(start.getTime() + 8 * 3600_000),
  );
  const response = await ingestBatch(server, events);
  if (response.status !== 200) {
    throw new Error(`The seed was refused: ${response.text}`);
  }
  const list = async (path: string) =>
    (await getAsUser(server, path).expect(200)).body;
  const endpoints = (await list('endpoints?limit=500')).items;
  const workflows = (await list('workflows?limit=500')).items;
  const runs = (await list(`workflows/${workflows[0].id}/runs`)).items;
  const cursors = [
    (await list('endpoints?limit=1')).nextCursor,
    (await list('workflows?limit=1')).nextCursor,
    (await list('events?limit=1')).nextCursor,
    (await list(`workflows/${workflows[0].id}/runs?limit=1`)).nextCursor,
  ];
  for (const { id } of endpoints) {
    const page = await list(`endpoints/${id}/partitions?limit=1`);
    if (page.nextCursor) {
      cursors.push(page.nextCursor);
      break;
    }
  }
  for (const { id } of workflows) {
    const graph = await list(
      `lineage?id=${id}&depth=1&direction=downstream&fanout=1`,
    );
    if (graph.next) {
      cursors.push(graph.next);
      break;
    }
  }
  return {
    ids: [...endpoints, ...workflows]
      .map(e => e.id)
      .concat(runs.map((r: { id: string }) => r.id)),
    names: [...endpoints, ...workflows].flatMap(e => [e.namespace, e.name]),
    cursors: cursors.filter(Boolean),
  };
}

const cursorOf = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Values for the parameters, already encoded for the URL: of every kind
 * for every parameter, and more often of the kind the parameter takes, so
 * that requests get past the first check to the queries behind it.
 */
function parameterValues(known: Known) {
  const texts = fc.oneof(
    hostileString.map(percentEncode),
    fc.constantFrom(...known.ids, ...known.names).map(percentEncode),
  );
  const numbers = fc.oneof(
    fc.nat(12).map(String),
    edgeNumber.map(n => percentEncode(String(n))),
    fc.constantFrom('1e300', '-1', 'NaN', 'Infinity', '99999999999999999999'),
    fc.constantFrom('1.5', '0x10', '', '%201', '007', '1,2', 'true'),
  );
  const times = edgeTimestamp.map(percentEncode);
  // Cursors: made up, handed out, and handed out then tampered with.
  const cursors = fc.oneof(
    fc
      .array(fc.oneof(hostileString, edgeNumber, hostileJson), {
        maxLength: 4,
      })
      .map(cursorOf),
    hostileJson.map(cursorOf),
    fc.constantFrom(...known.cursors),
    fc
      .tuple(
        fc.constantFrom(...known.cursors),
        fc.nat(),
        fc.constantFrom('A', '_', '-', '%3D', '%00', '.'),
      )
      .map(([c, at, ch]) => {
        const i = at % c.length;
        return `${c.slice(0, i)}${ch}${c.slice(i + 1)}`;
      }),
  );
  const words = fc.constantFrom(
    'upstream',
    'downstream',
    'both',
    'endpoint',
    'workflow',
    'csv',
    'json',
    'COMPLETED',
    'FAILED',
  );
  // Percent-encoding that does not decode.
  const broken = fc.constantFrom(
    '%',
    '%zz',
    '%E0%A4',
    '%ED%A0%80',
    '%C0%80',
    '%FF',
    'a%',
  );
  const any = fc.oneof(texts, numbers, times, cursors, words, broken);
  const usual = new Map<string, fc.Arbitrary<string>>(
    Object.entries({
      limit: fc.integer({ min: 1, max: 3 }).map(String),
      depth: fc.nat(3).map(String),
      fanout: fc.integer({ min: 1, max: 3 }).map(String),
      from: fc.constantFrom('1', '2', '2026-05-04T02:00:00Z'),
      to: fc.constantFrom('2', '3', '2026-05-04T06:00:00Z'),
      asOf: fc.constantFrom('2026-05-04T03:00:00Z', '2026-05-04'),
      cursor: fc.constantFrom(...known.cursors),
      after: fc.constantFrom(...known.cursors),
      kind: fc.constantFrom('endpoint', 'workflow'),
      direction: fc.constantFrom('upstream', 'downstream', 'both'),
      format: fc.constantFrom('json', 'csv'),
      state: fc.constantFrom('COMPLETED', 'FAILED', 'RUNNING'),
      id: fc.constantFrom(...known.ids),
      runId: fc.constantFrom(...known.ids),
    }),
  );
  // Maps: a fuzzed name such as "constructor" must not find Object's.
  const kinds = new Map<string, fc.Arbitrary<string>>(
    Object.entries({
      limit: numbers,
      depth: numbers,
      fanout: numbers,
      from: fc.oneof(numbers, times),
      to: fc.oneof(numbers, times),
      asOf: times,
      changedAfter: times,
      cursor: cursors,
      after: cursors,
      kind: words,
      direction: words,
      format: words,
      state: words,
    }),
  );
  return {
    usual: (name: string) =>
      usual.get(name) ?? fc.constantFrom(...known.names).map(percentEncode),
    hostile: (name: string) =>
      fc.oneof(
        { weight: 3, arbitrary: kinds.get(name) ?? texts },
        { weight: 1, arbitrary: any },
      ),
  };
}

function request(route: Route, known: Known): fc.Arbitrary<string> {
  const { usual, hostile } = parameterValues(known);
  // Now and then a parameter the route does not take, or one qs reads as
  // an array or an object.
  const extra = fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...route.queryParams, 'x'),
        hostileString.map(percentEncode),
      ),
      fc.constantFrom('', '[]', '%5Bx%5D'),
    )
    .chain(([name, shape]) => hostile(name).map(v => `${name}${shape}=${v}`));
  const extras = fc.oneof(
    { weight: 4, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: extra.map(e => [e]) },
  );
  return fc.subarray(route.queryParams).chain(names => {
    const slots = [...route.pathParams, ...names];
    const value = (name: string, bad: boolean) =>
      (bad ? hostile(name) : usual(name)).filter(
        // An empty id would address another URL, not this route.
        v => v !== '' || !route.pathParams.includes(name),
      );
    // A request whose one bad value reaches the code behind the checks of
    // the others, or one with any mix of values.
    const values = fc.oneof(
      fc
        .nat(Math.max(slots.length - 1, 0))
        .chain(bad => fc.tuple(...slots.map((n, i) => value(n, i === bad)))),
      fc
        .array(fc.boolean(), {
          minLength: slots.length,
          maxLength: slots.length,
        })
        .chain(bad => fc.tuple(...slots.map((n, i) => value(n, bad[i])))),
    );
    return fc.tuple(values, extras).map(([vals, more]) => {
      let i = 0;
      const path = route.template
        .replace(/\{\w+\}/g, () => vals[i++])
        .replace(/^\/v1\//, '');
      const query = [...names.map(n => `${n}=${vals[i++]}`), ...more];
      return query.length ? `${path}?${query.join('&')}` : path;
    });
  });
}

describe.each(databases.eachSupportedId())(
  'read routes under fuzzing on %s',
  (databaseId: TestDatabaseId) => {
    let server: Server;
    let known: Known;
    beforeAll(async () => {
      server = await startService(await databases.init(databaseId));
      known = await seed(server);
    });

    it('answers every request below 500, with a reason when it refuses', async () => {
      const routes = readRoutes();
      expect(routes.map(r => r.template)).toEqual(
        expect.arrayContaining([
          '/v1/endpoints/{id}/partitions',
          '/v1/runs/{runId}',
          '/v1/lineage/impact',
        ]),
      );
      const requests = fc.oneof(...routes.map(r => request(r, known)));
      await fc.assert(
        fc.asyncProperty(requests, async path => {
          // Beyond Node's 16 KiB request head, Node answers 431 itself.
          fc.pre(path.length < 14_000);
          const { status, body } = await getAsUser(server, path);
          // The data, or a client error that says why.
          const reason = typeof body.error?.message === 'string';
          const answer = `${status}${reason ? ' with a reason' : ''}`;
          expect({ path, answer }).toEqual({
            path,
            answer: expect.stringMatching(/^(200|(400|404) with a reason)$/),
          });
        }),
        fuzzParameters(1000),
      );
    });
  },
);
