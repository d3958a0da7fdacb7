import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { entityId } from '../openlineage/ids';
import { runEvent } from '../__testUtils__/events';
import {
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A cursor as the service encodes them, with any content. */
const cursorOf = (values: unknown) =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

const job = { namespace: 'airflow', name: 'plays.daily' };
const source = { namespace: 'gs://events', name: 'raw/plays' };
const outputs = ['a', 'b', 'c'].map(name => ({ namespace: 'bq', name }));
const runId = '0193f7a2-0000-7000-8000-000000000001';
const endpoint = entityId('endpoint', source.namespace, source.name);
const workflow = entityId('workflow', job.namespace, job.name);

describe.each(databases.eachSupportedId())(
  'read input validation on %s',
  (databaseId: TestDatabaseId) => {
    let server: Server;
    beforeAll(async () => {
      server = await startService(await databases.init(databaseId));
      const response = await ingestBatch(server, [
        runEvent({
          eventType: 'COMPLETE',
          eventTime: '2026-11-20T01:00:00Z',
          runId,
          job,
          inputs: [source],
          outputs,
        }),
      ]);
      if (response.status !== 200) {
        throw new Error(`The scenario was refused: ${response.text}`);
      }
    });

    const status = async (path: string) => {
      const response = await getAsUser(server, path);
      return `${response.status} ${response.body.error?.message ?? ''}`;
    };

    it('answers 400 for a NUL in any path id or query parameter', async () => {
      const requests: [string, string][] = [
        ['endpoints/%00abc', 'request/path/id'],
        [`endpoints/a%00/schema-versions`, 'request/path/id'],
        [`endpoints/a%00/schema-diff?from=1&to=2`, 'request/path/id'],
        [`endpoints/a%00/partitions`, 'request/path/id'],
        ['workflows/%00', 'request/path/id'],
        ['workflows/%00/runs', 'request/path/id'],
        ['runs/%00', 'request/path/runId'],
        ...['q', 'namespace', 'name', 'owner', 'tag'].flatMap(
          (key): [string, string][] => [
            [`endpoints?${key}=a%00b`, `request/query/${key}`],
            [`workflows?${key}=%00`, `request/query/${key}`],
          ],
        ),
        ['endpoints?cursor=%00', 'request/query/cursor'],
        ['events?runId=%00', 'request/query/runId'],
        ['events?namespace=%00', 'request/query/namespace'],
        ['events?name=x%00', 'request/query/name'],
        ['lineage?id=%00', 'request/query/id'],
        [
          'lineage?kind=endpoint&namespace=%00&name=x',
          'request/query/namespace',
        ],
        [`lineage?id=${endpoint}&after=%00`, 'request/query/after'],
        [`lineage/columns?id=${endpoint}&field=%00`, 'request/query/field'],
        ['lineage/columns?namespace=a&name=%00', 'request/query/name'],
        ['lineage/impact?id=%00', 'request/query/id'],
        [
          `lineage/impact?id=${endpoint}&format=csv&name=%00`,
          'request/query/name',
        ],
      ];
      for (const [path, location] of requests) {
        expect([path, await status(path)]).toEqual([
          path,
          `400 ${location} contains NUL (U+0000), which no stored text can hold`,
        ]);
      }
    });

    it('answers 400 for cursors no page gave out', async () => {
      const lists = {
        endpoints: 'endpoints',
        workflows: 'workflows',
        runs: `workflows/${workflow}/runs`,
        partitions: `endpoints/${entityId('endpoint', 'bq', 'a')}/partitions`,
        events: 'events',
        deadLetters: 'dead-letters',
      };
      const requests: [string, unknown, string][] = [
        [lists.endpoints, ['a\u0000', 'b'], 'a value contains NUL'],
        [lists.workflows, ['a', '\ud800'], 'a value contains a lone UTF-16'],
        [lists.runs, [1e300, 'x'], 'a value is not a whole number'],
        [lists.runs, [1.5, 'x'], 'a value is not a whole number'],
        [lists.runs, [8.64e15 + 1, 'x'], 'a value is a time no store holds'],
        [lists.runs, [-8.64e15, 'x'], 'a value is a time no store holds'],
        [lists.runs, [0, 'x\u0000'], 'a value contains NUL'],
        [lists.partitions, [0, 'k', '\udc00'], 'a value contains a lone'],
        [lists.partitions, ['0', 'k', 'r'], 'a value is not a whole number'],
        [lists.events, [1e20], 'a value is not a whole number'],
        [lists.events, [2.5], 'a value is not a whole number'],
        [lists.events, [-1], 'a value is negative'],
        [lists.events, [null], 'a value is not a whole number'],
        [lists.deadLetters, [2 ** 63], 'a value is not a whole number'],
        [lists.deadLetters, [1, 2], '2 values where this list'],
        [lists.deadLetters, { id: 1 }, 'not a cursor this service gave out'],
      ];
      for (const [path, values, reason] of requests) {
        const url = `${path}?cursor=${cursorOf(values)}`;
        expect([url, await status(url)]).toEqual([
          url,
          expect.stringContaining(
            `400 cursor must be the cursor of a previous page: ${reason}`,
          ),
        ]);
      }
      const paged = `lineage?id=${endpoint}&depth=1&direction=downstream`;
      for (const after of [['\u0000'], ['\ud800x'], [1], []]) {
        const url = `${paged}&after=${cursorOf(after)}`;
        expect([url, await status(url)]).toEqual([
          url,
          expect.stringContaining(
            '400 after must be the cursor of a previous page: ',
          ),
        ]);
      }
    });

    it('still follows the cursors it gives out, to the ends of time', async () => {
      const names: string[] = [];
      let after: string | undefined;
      do {
        const page = await getAsUser(
          server,
          `lineage?id=${workflow}&depth=1&direction=downstream&fanout=1${
            after ? `&after=${after}` : ''
          }`,
        ).expect(200);
        names.push(
          ...page.body.nodes
            .filter((n: any) => n.kind === 'endpoint')
            .map((n: any) => n.name),
        );
        after = page.body.next;
      } while (after);
      expect(names.sort()).toEqual(['a', 'b', 'c']);

      // The latest and earliest times both a Date and PostgreSQL hold.
      const latest = `workflows/${workflow}/runs?cursor=${cursorOf([
        8.64e15,
        '',
      ])}`;
      expect((await getAsUser(server, latest).expect(200)).body.items).toEqual([
        expect.objectContaining({ id: runId }),
      ]);
      const earliest = `workflows/${workflow}/runs?cursor=${cursorOf([
        Date.UTC(-4712, 0, 1),
        '',
      ])}`;
      expect(
        (await getAsUser(server, earliest).expect(200)).body.items,
      ).toEqual([]);
    });

    it('answers 400 for days the calendar does not have', async () => {
      const requests = [
        `workflows/${workflow}/runs?from=2026-02-30T00:00:00Z`,
        `workflows/${workflow}/runs?to=2026-04-31T00:00:00Z`,
        `endpoints/${entityId(
          'endpoint',
          'bq',
          'a',
        )}/partitions?from=2025-02-29T00:00:00Z`,
        `lineage?id=${endpoint}&asOf=2026-11-31`,
        `lineage/impact?id=${endpoint}&asOf=2026-06-31T00:00:00Z`,
      ];
      for (const path of requests) {
        expect([path, await status(path)]).toEqual([
          path,
          expect.stringMatching(/^400 (from|to|asOf) must be an ISO 8601/),
        ]);
      }
      // Leap days are days; year 0 (1 BC) is a leap year.
      for (const path of [
        `workflows/${workflow}/runs?from=2024-02-29T00:00:00Z`,
        `lineage?id=${endpoint}&asOf=0000-02-29`,
      ]) {
        expect([path, (await getAsUser(server, path)).status]).toEqual([
          path,
          200,
        ]);
      }
    });
  },
);
