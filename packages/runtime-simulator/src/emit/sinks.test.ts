import { ResponseError } from '@backstage/errors';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlatform } from '../model/generatePlatform';
import { eventsBetween } from '../openlineage/history';
import { HttpBatchSink, NdjsonFileSink } from './sinks';

const events = eventsBetween(
  generatePlatform({ seed: 9, historyStart: new Date('2026-04-01T00:00:00Z') }),
  new Date('2026-04-05T00:00:00Z'),
  new Date('2026-04-06T00:00:00Z'),
);

describe('HttpBatchSink', () => {
  it('posts batches of at most 500 events with the bearer token', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const fetch = jest.fn(async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      const batch = JSON.parse(init.body as string);
      return new Response(
        JSON.stringify({
          status: 'partial_success',
          summary: {
            received: batch.length,
            successful: batch.length - 1,
            failed: 1,
          },
          failed_events: [{ index: 0, reason: '$.run is off' }],
        }),
        { status: 207 },
      );
    });
    const sink = new HttpBatchSink({
      serviceUrl: 'http://service/api/data-platform/',
      token: async () => 'secret',
      fetch: fetch as unknown as typeof globalThis.fetch,
    });
    await sink.send(events);

    expect(events.length).toBeGreaterThan(1000);
    expect(requests).toHaveLength(Math.ceil(events.length / 500));
    expect(requests[0].url).toBe(
      'http://service/api/data-platform/v1/lineage/batch',
    );
    expect(requests[0].init.headers).toMatchObject({
      Authorization: 'Bearer secret',
    });
    const sent = requests.flatMap(r => JSON.parse(r.init.body as string));
    expect(sent).toEqual(events);
    expect(sink.stats).toMatchObject({
      sent: events.length,
      accepted: events.length - requests.length,
      rejected: requests.length,
    });
    expect(sink.stats.reasons[0]).toBe('event 0: $.run is off');
  });

  it('waits out the service backpressure as Retry-After asks, then sends again', async () => {
    let calls = 0;
    const fetch = async (_url: string, init: RequestInit) => {
      calls++;
      if (calls <= 4) {
        return new Response(
          JSON.stringify({ error: { name: 'ServiceUnavailableError' } }),
          { status: 503, headers: { 'Retry-After': '0' } },
        );
      }
      const batch = JSON.parse(init.body as string);
      return new Response(
        JSON.stringify({
          status: 'success',
          summary: { received: batch.length, successful: batch.length },
        }),
        { status: 200 },
      );
    };
    const sink = new HttpBatchSink({
      serviceUrl: 'http://service/api/data-platform',
      token: 'secret',
      fetch: fetch as unknown as typeof globalThis.fetch,
    });
    // Four refusals in a row: more than the three attempts a failure gets.
    await sink.send(events.slice(0, 3));
    expect(calls).toBe(5);
    expect(sink.stats).toMatchObject({ accepted: 3, throttled: 4 });

    // Past the longest wait it accepts, the refusal is the answer.
    const impatient = new HttpBatchSink({
      serviceUrl: 'http://service/api/data-platform',
      token: 'secret',
      maxBackpressureWaitMs: 1_000,
      fetch: (async () =>
        new Response('{}', {
          status: 503,
          headers: { 'Retry-After': '5' },
        })) as unknown as typeof globalThis.fetch,
    });
    await expect(impatient.send(events.slice(0, 3))).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  it('fails with the service answer when it refuses the request', async () => {
    const sink = new HttpBatchSink({
      serviceUrl: 'http://service/api/data-platform',
      token: 'wrong',
      fetch: (async () =>
        new Response(
          JSON.stringify({
            error: { name: 'AuthenticationError', message: 'Bad token' },
          }),
          { status: 401, headers: { 'Content-Type': 'application/json' } },
        )) as unknown as typeof fetch,
    });
    await expect(sink.send(events.slice(0, 3))).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  it('keeps at most `concurrency` requests in flight and reports failures', async () => {
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const fetch = async (_url: string, init: RequestInit) => {
      calls++;
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise(r => setTimeout(r, 5));
      inFlight--;
      if (calls === 4) return new Response('down', { status: 400 });
      const n = JSON.parse(init.body as string).length;
      return Response.json({ summary: { successful: n, failed: 0 } });
    };
    const sink = new HttpBatchSink({
      serviceUrl: 'http://service/api/data-platform',
      token: 't',
      batchSize: 100,
      concurrency: 3,
      fetch: fetch as unknown as typeof globalThis.fetch,
    });
    await sink.send(events.slice(0, 300));
    await expect(
      (async () => {
        await sink.send(events.slice(300, 800));
        await sink.close();
      })(),
    ).rejects.toBeInstanceOf(ResponseError);
    expect(most).toBe(3);
  });
});

describe('NdjsonFileSink', () => {
  it('writes one event per line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-')), 'events.ndjson');
    const sink = new NdjsonFileSink(file);
    await sink.send(events.slice(0, 10));
    await sink.send(events.slice(10, 20));
    await sink.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map(line => JSON.parse(line))).toEqual(events.slice(0, 20));
  });
});
