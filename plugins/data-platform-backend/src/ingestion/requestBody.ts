import { Request } from 'express';
import { Transform } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

/**
 * What a dead letter keeps of a body refused whole for its size or its
 * encoding: the first 64 KiB. The rest may be megabytes, and a dead letter
 * is for a person to see what was sent.
 */
export const PAYLOAD_PREFIX_BYTES = 64 * 1024;

/** A request refused as a whole, and what its dead letter keeps. */
export type BodyRefusal = {
  status: number;
  name: string;
  reason: string;
  payload: string;
};

export type ReadBody = { bytes: Buffer } | { refusal: BodyRefusal };

/** The first `max` bytes of `chunks` (at most one more, to tell a cut). */
function head(chunks: Buffer[], total: number, max = PAYLOAD_PREFIX_BYTES) {
  return Buffer.concat(chunks, Math.min(total, max + 1));
}

/**
 * A refused body as dead-letter text, and what the reason should add about
 * how it was kept: its first PAYLOAD_PREFIX_BYTES, or all of it (`whole`).
 * Bytes that are not text are kept base64-encoded: a body still compressed
 * (`binary`), or one with NUL bytes, which a PostgreSQL text column refuses.
 * Bytes that are not UTF-8 are replaced by U+FFFD, and the note says so.
 */
export function keptPayload(
  bytes: Buffer,
  options?: { binary?: boolean; whole?: boolean },
): { payload: string; note: string } {
  const kept = options?.whole ? bytes : bytes.subarray(0, PAYLOAD_PREFIX_BYTES);
  const cut = bytes.length > kept.length;
  const what = cut ? `its first ${PAYLOAD_PREFIX_BYTES / 1024} KiB` : 'it';
  const base64 = (why: string) => ({
    payload: kept.toString('base64'),
    note: `; the dead letter keeps ${what} as received, base64-encoded${why}`,
  });
  if (options?.binary) return base64('');
  let payload: string;
  let note = cut ? `; the dead letter keeps ${what}` : '';
  try {
    // `stream` leaves out a character the cut split instead of failing on it.
    payload = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      kept,
      { stream: cut },
    );
  } catch {
    payload = new TextDecoder('utf-8', { ignoreBOM: true }).decode(kept);
    note = `; the dead letter keeps ${what} with the bytes that are not UTF-8 replaced by U+FFFD`;
  }
  return payload.includes('\u0000')
    ? base64(' since it holds NUL bytes')
    : { payload, note };
}

function inflaterFor(encoding: string): Transform | undefined | 'unsupported' {
  switch (encoding) {
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    default:
      return 'unsupported';
  }
}

/**
 * Reads a request body, inflating gzip and deflate, up to `maxBytes` both as
 * sent and inflated (an inflated limit alone would let a stream of empty
 * deflate blocks run forever). A refused body is drained, not read further,
 * so that the answer reaches the client, and its dead letter keeps a
 * prefix (see keptPayload): inflated when it could be, else as received.
 */
export function readRequestBody(
  req: Request,
  limit: { maxBytes: number; text: string },
): Promise<ReadBody> {
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  const inflater = inflaterFor(encoding);
  const declared = Number(req.headers['content-length']);
  return new Promise(resolve => {
    const raw: Buffer[] = [];
    let rawBytes = 0;
    let rawKept = 0;
    const body: Buffer[] = [];
    let bodyBytes = 0;
    let settled = false;

    const settle = (outcome: ReadBody) => {
      if (settled) return;
      settled = true;
      if (inflater && inflater !== 'unsupported') {
        req.unpipe(inflater);
        inflater.destroy();
      }
      body.length = 0;
      raw.length = 0;
      if (!req.complete) req.resume();
      resolve(outcome);
    };
    const refuse = (
      status: number,
      name: string,
      reason: string,
      kept: Buffer,
      binary = false,
    ) => {
      const { payload, note } = keptPayload(kept, { binary });
      settle({ refusal: { status, name, reason: reason + note, payload } });
    };
    const tooLarge = () =>
      refuse(
        413,
        'PayloadTooLargeError',
        `The body exceeds the ${limit.text} limit (dataPlatform.ingestion.maxBodySize)`,
        head(body, bodyBytes),
      );
    const unsupported = () =>
      refuse(
        415,
        'UnsupportedMediaTypeError',
        `Content-Encoding ${encoding} is not supported; send the body as it is, or gzip or deflate it`,
        head(raw, rawKept),
        true,
      );

    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      rawBytes += chunk.length;
      if (inflater) {
        if (rawKept <= PAYLOAD_PREFIX_BYTES) {
          raw.push(chunk);
          rawKept += chunk.length;
        }
        if (inflater === 'unsupported') {
          if (rawKept > PAYLOAD_PREFIX_BYTES) unsupported();
        } else if (rawBytes > limit.maxBytes) {
          tooLarge();
        }
        return;
      }
      body.push(chunk);
      bodyBytes += chunk.length;
      // A body declared too large is refused once its prefix is in.
      if (
        bodyBytes > limit.maxBytes ||
        (declared > limit.maxBytes && bodyBytes > PAYLOAD_PREFIX_BYTES)
      ) {
        tooLarge();
      }
    });
    req.on('end', () => {
      if (inflater === 'unsupported') unsupported();
      else if (!inflater) settle({ bytes: Buffer.concat(body, bodyBytes) });
    });
    req.on('error', error =>
      refuse(
        400,
        'InputError',
        `The body could not be read: ${error.message}`,
        head(body, bodyBytes),
      ),
    );
    req.on('close', () => {
      if (!req.complete) {
        refuse(
          400,
          'InputError',
          'The request was aborted before its body arrived',
          head(body, bodyBytes),
        );
      }
    });

    if (inflater && inflater !== 'unsupported') {
      inflater.on('data', (chunk: Buffer) => {
        if (settled) return;
        body.push(chunk);
        bodyBytes += chunk.length;
        if (bodyBytes > limit.maxBytes) tooLarge();
      });
      inflater.on('end', () =>
        settle({ bytes: Buffer.concat(body, bodyBytes) }),
      );
      inflater.on('error', (error: Error) =>
        refuse(
          400,
          'InputError',
          `The body is not valid ${encoding}: ${error.message}`,
          head(raw, rawKept),
          true,
        ),
      );
      req.pipe(inflater);
    }
  });
}
