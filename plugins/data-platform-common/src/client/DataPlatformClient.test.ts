import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import { DataPlatformClient } from './DataPlatformClient';

// A real HTTP server stands in for the metadata service, so the client's
// URL building, headers and error handling are exercised over the wire.
describe('DataPlatformClient', () => {
  let server: Server;
  let baseUrl: string;
  const seen: IncomingMessage[] = [];
  let reply: (res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      reply(res);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/data-platform`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  beforeEach(() => {
    seen.length = 0;
  });

  const client = () =>
    new DataPlatformClient({
      discoveryApi: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('data-platform');
          return baseUrl;
        },
      },
    });

  const json = (status: number, body: unknown) => (res: ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  it('gets the overview with the caller token', async () => {
    const overview = {
      databaseClient: 'pg',
      ingestion: { acceptedEvents: 3, rejectedEvents: 0 },
    };
    reply = json(200, overview);
    await expect(client().getOverview({ token: 'abc' })).resolves.toEqual(
      overview,
    );
    expect(seen[0].url).toBe('/api/data-platform/v1/overview');
    expect(seen[0].headers.authorization).toBe('Bearer abc');
  });

  it('returns a degraded health verdict instead of throwing', async () => {
    const health = {
      status: 'degraded',
      checks: [{ name: 'database', status: 'failing', message: 'down' }],
    };
    reply = json(503, health);
    await expect(client().getHealth()).resolves.toEqual(health);
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('pages through the events set aside by derivation', async () => {
    const page = {
      items: [
        {
          rawEventId: '7',
          receivedAt: '2026-12-01T00:00:00.000Z',
          eventKind: 'run',
          error: 'cannot derive',
          failedAt: '2026-12-01T00:00:01.000Z',
        },
      ],
    };
    reply = json(200, page);
    await expect(
      client().listFailedDerivations({ limit: 1, cursor: 'abc' }),
    ).resolves.toEqual(page);
    expect(seen[0].url).toBe(
      '/api/data-platform/v1/derivation/failed?limit=1&cursor=abc',
    );
  });

  it('throws a ResponseError carrying the service error', async () => {
    reply = json(403, {
      error: { name: 'NotAllowedError', message: 'Unauthorized' },
      request: { method: 'GET', url: '/v1/overview' },
      response: { statusCode: 403 },
    });
    const error = await client()
      .getOverview()
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.name).toBe('NotAllowedError');
  });
});
