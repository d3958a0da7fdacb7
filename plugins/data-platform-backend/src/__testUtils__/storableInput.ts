import { mockCredentials } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import request from 'supertest';
import { getAsUser } from './testService';

/*
 * Helpers for tests of input PostgreSQL cannot store as sent.
 */

/** A facet with its required fields, and `fields`. */
export const facet = (fields: object) => ({
  _producer: 'https://example.com/producer',
  _schemaURL: 'https://example.com/facet.json',
  ...fields,
});

/**
 * Text of exactly `bytes` UTF-8 bytes that does not compress, so that an
 * index entry holding it is as large as it can be: pseudo-random CJK
 * characters (3 bytes each), padded with ASCII.
 */
export function noise(bytes: number, seed: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < Math.floor(bytes / 3); i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += String.fromCharCode(0x4e00 + (state % 20000));
  }
  return text + 'x'.repeat(bytes % 3);
}

/** `chars` characters of 4 bytes each (one surrogate pair each). */
export const astral = (chars: number) =>
  Array.from({ length: chars }, (_, i) =>
    String.fromCodePoint(0x20000 + i * 7),
  ).join('');

/** Posts a body as a service; a string is sent verbatim, as JSON. */
export const postRaw = (server: Server, path: string, body: unknown) =>
  request(server)
    .post(`/api/data-platform/v1/${path}`)
    .set('Authorization', mockCredentials.service.header())
    .set('Content-Type', 'application/json')
    .send(typeof body === 'string' ? body : JSON.stringify(body));

/**
 * What became of a single event: its answer's status and JSON path,
 * whether the reason starts with that path, and whether a dead letter with
 * that reason and path was kept.
 */
export async function outcome(server: Server, event: unknown) {
  const res = await postRaw(server, 'lineage', event);
  const error = res.body.error ?? {};
  const letters = await getAsUser(server, 'dead-letters?limit=500');
  return {
    status: res.status,
    jsonPath: error.jsonPath,
    reasonNamesPath: String(error.message).startsWith(`${error.jsonPath} `),
    kept: letters.body.items.some(
      (d: any) => d.reason === error.message && d.jsonPath === error.jsonPath,
    ),
  };
}

/** The {@link outcome} of an event rejected at `jsonPath`. */
export const rejected = (jsonPath: string) => ({
  status: 400,
  jsonPath,
  reasonNamesPath: true,
  kept: true,
});
