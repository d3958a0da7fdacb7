import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { dataPlatformPlugin } from '../plugin';
import { runEvent } from '../__testUtils__/events';
import {
  getAsUser,
  startService,
  stopServicesAfterEachTest,
} from '../__testUtils__/testService';
import { OpenLineageValidator } from '../openlineage/OpenLineageValidator';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
stopServicesAfterEachTest();

/** Posts bytes as they are; supertest would serialize a Buffer as JSON. */
async function send(
  server: Server,
  path: 'lineage' | 'lineage/batch',
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  const { port } = server.address() as AddressInfo;
  const response = await fetch(
    `http://localhost:${port}/api/data-platform/v1/${path}`,
    {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.service.header(),
        'Content-Type': 'application/json',
        ...headers,
      },
      body,
    },
  );
  return { status: response.status, body: await response.json() };
}

async function deadLetters(server: Server) {
  const { body } = await getAsUser(server, 'dead-letters?limit=100').expect(
    200,
  );
  return body.items as {
    reason: string;
    jsonPath?: string;
    batchIndex?: number;
    payload: string;
  }[];
}

const count = async (knex: Knex, table: string) =>
  Number((await knex(table).count({ n: '*' }))[0].n);

let eventTime = Date.UTC(2026, 10, 26);
const event = (runFacets: object = {}) =>
  runEvent({
    eventType: 'COMPLETE',
    eventTime: new Date((eventTime += 1000)).toISOString(),
    runFacets,
  });

/** An event whose `deep` facet nests `levels` arrays. */
function deepEventText(levels: number) {
  const text = JSON.stringify(
    event({ deep: { _producer: 'p', _schemaURL: 's', x: 'DEEP' } }),
  );
  return text.replace('"DEEP"', `${'['.repeat(levels)}${']'.repeat(levels)}`);
}
// Root 1, run 2, facets 3, deep 4, x 5: the 65th level is x's 60th array.
const deepPath = `$.run.facets.deep.x${'[0]'.repeat(60)}`;

const PREFIX = 64 * 1024;
const blob = (size: number) => ({
  big: { _producer: 'p', _schemaURL: 's', blob: 'x'.repeat(size) },
});

describe.each(databases.eachSupportedId())(
  'request bodies on %s',
  (databaseId: TestDatabaseId) => {
    it('refuses an event nested deeper than maxDepth, with its path, and keeps it', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex);
      const text = deepEventText(50_000);

      const res = await send(server, 'lineage', text);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        message: expect.stringContaining('nested deeper than 64 levels'),
        jsonPath: deepPath,
      });
      expect(res.body.response).toEqual({ statusCode: 400 });
      const [letter] = await deadLetters(server);
      expect(letter).toMatchObject({ jsonPath: deepPath, payload: text });
      expect(await count(knex, 'raw_events')).toBe(0);
    });

    it('refuses only the too-deep items of a batch, by index', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex, {
        dataPlatform: { ingestion: { maxDepth: 40 } },
      });
      const good = JSON.stringify(event());
      const batch = `[${good},${deepEventText(50_000)},${JSON.stringify(
        event(),
      )}]`;

      const res = await send(server, 'lineage/batch', batch);
      expect(res.status).toBe(207);
      expect(res.body.failed_events).toEqual([
        {
          index: 1,
          reason: expect.stringContaining('nested deeper than 40 levels'),
          jsonPath: `$.run.facets.deep.x${'[0]'.repeat(36)}`,
          retriable: false,
        },
      ]);
      const [letter] = await deadLetters(server);
      expect(letter.batchIndex).toBe(1);
      // The item serialized down to the limit, still JSON.
      const kept = JSON.parse(letter.payload);
      expect(kept.run.facets.deep.x).toBeDefined();
      expect(letter.payload).toContain('nested deeper than 40 levels, cut');
      expect(await count(knex, 'raw_events')).toBe(2);
    });

    it('refuses a batch over maxBatchEvents with 413, keeping a prefix', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex, {
        dataPlatform: { ingestion: { maxBatchEvents: 10 } },
      });
      const atCap = Array.from({ length: 10 }, () => event());
      expect(
        (await send(server, 'lineage/batch', JSON.stringify(atCap))).status,
      ).toBe(200);

      const text = JSON.stringify(
        Array.from({ length: 11 }, () => event(blob(8_000))),
      );
      expect(text.length).toBeGreaterThan(PREFIX);
      const res = await send(server, 'lineage/batch', text);
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({
        name: 'PayloadTooLargeError',
        message: expect.stringContaining(
          'has 11 events, more than the 10 allowed (dataPlatform.ingestion.maxBatchEvents)',
        ),
        jsonPath: '$',
      });
      const [letter] = await deadLetters(server);
      expect(letter.reason).toContain('keeps its first 64 KiB');
      expect(letter.payload).toBe(text.slice(0, PREFIX));
      expect(await count(knex, 'raw_events')).toBe(10);
    });

    it('keeps a prefix of a body over maxBodySize, plain or inflated', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex, {
        dataPlatform: { ingestion: { maxBodySize: '100kb' } },
      });
      const text = JSON.stringify(event(blob(200_000)));

      const plain = await send(server, 'lineage', text);
      expect(plain.status).toBe(413);
      expect(plain.body.error).toMatchObject({
        name: 'PayloadTooLargeError',
        jsonPath: '$',
      });
      // Small when sent, large once inflated.
      const zipped = await send(server, 'lineage', gzipSync(text), {
        'Content-Encoding': 'gzip',
      });
      expect(zipped.status).toBe(413);

      const letters = await deadLetters(server);
      expect(letters).toHaveLength(2);
      for (const letter of letters) {
        expect(letter.reason).toContain('exceeds the 100kb limit');
        expect(letter.payload).toBe(text.slice(0, PREFIX));
      }
    });

    it('refuses bodies it cannot inflate, keeping the bytes sent', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex);
      const text = JSON.stringify(event());
      const zipped = gzipSync(text);
      const cases = [
        { encoding: 'gzip', body: Buffer.from(text), status: 400 },
        { encoding: 'gzip', body: zipped.subarray(0, 30), status: 400 },
        { encoding: 'br', body: brotliCompressSync(text), status: 415 },
        { encoding: 'x-unknown', body: zipped, status: 415 },
      ];
      for (const { encoding, body, status } of cases) {
        const res = await send(server, 'lineage', body, {
          'Content-Encoding': encoding,
        });
        expect(res.status).toBe(status);
        expect(res.body.error.jsonPath).toBe('$');
        expect(res.body.response).toEqual({ statusCode: status });
      }
      const letters = (await deadLetters(server)).reverse();
      expect(letters.map(l => Buffer.from(l.payload, 'base64'))).toEqual(
        cases.map(c => c.body),
      );
      expect(letters.map(l => l.reason)).toEqual([
        expect.stringMatching(/^The body is not valid gzip: .*base64/),
        expect.stringMatching(/^The body is not valid gzip: .*base64/),
        expect.stringMatching(/^Content-Encoding br is not supported/),
        expect.stringMatching(/^Content-Encoding x-unknown is not supported/),
      ]);

      // deflate is inflated like gzip.
      expect(
        (
          await send(server, 'lineage', deflateSync(text), {
            'Content-Encoding': 'deflate',
          })
        ).status,
      ).toBe(201);
      expect(await count(knex, 'raw_events')).toBe(1);
    });

    it('refuses a body that is not UTF-8 instead of rewriting it', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex);
      const [before, after] = JSON.stringify(
        event({ note: { _producer: 'p', _schemaURL: 's', text: 'BAD' } }),
      ).split('BAD');
      const body = Buffer.concat([
        Buffer.from(before),
        Buffer.from([0x61, 0xff, 0xfe, 0x62]),
        Buffer.from(after),
      ]);

      const res = await send(server, 'lineage', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('not valid UTF-8'),
        jsonPath: '$',
      });
      const [letter] = await deadLetters(server);
      expect(letter.reason).toContain('replaced by U+FFFD');
      expect(letter.payload).toBe(`${before}a\uFFFD\uFFFDb${after}`);
      expect(await count(knex, 'raw_events')).toBe(0);
    });

    it('keeps a body with NUL bytes base64-encoded, whole or its prefix', async () => {
      const knex = await databases.init(databaseId);
      const server = await startService(knex, {
        dataPlatform: { ingestion: { maxBodySize: '100kb' } },
      });
      const malformed = Buffer.from('{"eventType": "\u0000START"');
      const zeros = Buffer.alloc(200_000);
      expect((await send(server, 'lineage', malformed)).status).toBe(400);
      expect((await send(server, 'lineage', zeros)).status).toBe(413);
      const [tooLarge, notJson] = await deadLetters(server);
      expect(notJson.reason).toMatch(/^\$ is not valid JSON: .*NUL bytes$/);
      expect(Buffer.from(notJson.payload, 'base64')).toEqual(malformed);
      expect(tooLarge.reason).toContain('first 64 KiB as received, base64');
      expect(Buffer.from(tooLarge.payload, 'base64')).toEqual(
        zeros.subarray(0, PREFIX),
      );
    });

    it('answers a read sent while a batch at the cap is validated before writing that batch', async () => {
      const knex = await databases.init(databaseId);
      const cap = 5000;
      const server = await startService(knex, {
        dataPlatform: { ingestion: { maxBatchEvents: cap } },
      });
      const order: string[] = [];
      const onQuery = (query: { sql: string }) => {
        if (/insert into [`"]?raw_events/i.test(query.sql)) order.push('write');
      };
      knex.on('query', onQuery);
      // The read goes out once the service validates the batch's first event.
      let read: Promise<unknown> | undefined;
      const { validate } = OpenLineageValidator.prototype;
      const spy = jest
        .spyOn(OpenLineageValidator.prototype, 'validate')
        .mockImplementation(function validating(this: any, ...args) {
          read ??= getAsUser(server, 'derivation').then(res => {
            order.push(`read ${res.status}`);
          });
          return validate.apply(this, args);
        });
      try {
        const batch = Array.from({ length: cap }, () => event());
        const res = await send(server, 'lineage/batch', JSON.stringify(batch));
        order.push(`batch ${res.status}`);
        await read;
      } finally {
        spy.mockRestore();
        knex.removeListener('query', onQuery);
      }
      expect(order.filter(o => o !== 'write')).toEqual([
        'read 200',
        'batch 200',
      ]);
      expect(order.indexOf('read 200')).toBeLessThan(order.indexOf('write'));
    });
  },
);

describe.each(databases.eachSupportedId())(
  'ingestion permission on %s',
  (databaseId: TestDatabaseId) => {
    /** The service, with a policy that allows only `allowed`. */
    const start = async (knex: Knex, allowed: string[]) => {
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result: allowed.includes(r.permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          })) as any,
      });
      const { server } = await startTestBackend({
        features: [
          dataPlatformPlugin,
          mockServices.database.factory({ knex }),
          permissions.factory,
        ],
      });
      return server;
    };

    it('ingests with data-platform.events.create alone, and reads nothing', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex, ['data-platform.events.create']);
      const text = JSON.stringify(event());
      expect((await send(server, 'lineage', text)).status).toBe(201);
      expect((await send(server, 'lineage/batch', `[${text}]`)).status).toBe(
        200,
      );
      await getAsUser(server, 'events').expect(403);
    });

    it('refuses a service without it before reading the body', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex, ['data-platform.metadata.read']);
      for (const path of ['lineage', 'lineage/batch'] as const) {
        const res = await send(server, path, '{"not json');
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
      }
      expect(await count(knex, 'dead_letters')).toBe(0);
      expect(await count(knex, 'raw_events')).toBe(0);
    });
  },
);
