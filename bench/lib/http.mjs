// @ts-check
// A minimal keep-alive HTTP client on node:http. fetch() would do, but it
// costs noticeably more CPU per request, and on two cores every cycle the
// load generator spends is taken from the service or the database.
import http from 'node:http';

/**
 * @param {{ baseUrl: string, token: string, sockets: number }} options
 */
export function createClient(options) {
  const base = new URL(options.baseUrl);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.sockets,
  });
  const authorization = `Bearer ${options.token}`;
  let retries = 0;
  let throttled = 0;

  /**
   * @param {string} path @param {string | Buffer | undefined} body a
   *   POST's, or undefined for a GET
   * @returns {Promise<{ status: number, body: string, retryAfter?: number }>}
   */
  function once(path, body) {
    return new Promise((ok, fail) => {
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: body === undefined ? 'GET' : 'POST',
          path,
          headers:
            body === undefined
              ? { authorization }
              : {
                  authorization,
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(body),
                },
          timeout: 120_000,
        },
        res => {
          /** @type {Buffer[]} */
          const chunks = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () =>
            ok({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              retryAfter: Number(res.headers['retry-after']) || undefined,
            }),
          );
          res.on('error', fail);
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', error =>
        fail(Object.assign(error, { reusedSocket: req.reusedSocket })),
      );
      req.end(body);
    });
  }

  /**
   * Posts once more when a kept-alive socket turned out to be closed by the
   * server (its keep-alive timeout raced our reuse), as Node's documentation
   * advises. Ingestion is idempotent, so a resend cannot double-count.
   *
   * @param {string} path @param {string | Buffer | undefined} body
   */
  async function post(path, body) {
    // A 503 with Retry-After is the service's backpressure (its derivation
    // queue is full, nothing was stored): wait and send again, as the
    // OpenLineage HTTP transport does.
    for (;;) {
      const res = await sendOnce(path, body);
      const wait = res.retryAfter;
      if (res.status !== 503 || !wait || body === undefined) return res;
      throttled++;
      await new Promise(resolve => setTimeout(resolve, wait * 1000));
    }
  }

  /** @param {string} path @param {string | Buffer | undefined} body */
  async function sendOnce(path, body) {
    try {
      return await once(path, body);
    } catch (error) {
      const e =
        /** @type {NodeJS.ErrnoException & { reusedSocket?: boolean }} */ (
          error
        );
      if (!e.reusedSocket || !['ECONNRESET', 'EPIPE'].includes(e.code ?? '')) {
        throw error;
      }
      retries++;
      return await once(path, body);
    }
  }

  /**
   * A GET, resent like a POST after a stale keep-alive socket (reads are
   * idempotent).
   *
   * @param {string} path
   */
  async function get(path) {
    return await post(path, undefined);
  }

  return {
    post,
    get,
    /** Requests resent after a stale keep-alive socket. */
    retries: () => retries,
    /** Requests sent again after a 503 with Retry-After. */
    throttled: () => throttled,
    close: () => agent.destroy(),
  };
}
