import { RootLifecycleService } from '@backstage/backend-plugin-api';

/**
 * The little of Node's (and so Express's) request a startup gate reads, so
 * that this library does not depend on Express.
 *
 * @public
 */
export interface StartupGateRequest {
  method?: string;
  url?: string;
}

/**
 * The little of Node's (and so Express's) response a startup gate writes.
 *
 * @public
 */
export interface StartupGateResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/**
 * Options of {@link createStartupGate}.
 *
 * @public
 */
export interface StartupGateOptions {
  /** The root lifecycle; the gate opens when its startup hooks run. */
  lifecycle: Pick<RootLifecycleService, 'addStartupHook'>;
  /**
   * The path prefixes the gate holds, by default the metadata service's
   * routes, `/api/data-platform`.
   */
  paths?: string[];
  /** What `Retry-After` asks clients to wait, in seconds; 1 by default. */
  retryAfterSeconds?: number;
}

/**
 * A root HTTP middleware that answers `503 Service Unavailable` with
 * `Retry-After` to requests for the given paths until the backend has
 * started.
 *
 * Backstage's root HTTP server listens before plugins mount their routers,
 * so for a moment at boot a plugin's routes answer 404. OpenLineage clients
 * take a 404 as final and drop the event; a 503 with `Retry-After` they
 * retry. Install it in front of the defaults:
 *
 * ```ts
 * backend.add(
 *   rootHttpRouterServiceFactory({
 *     configure({ app, lifecycle, applyDefaults }) {
 *       app.use(createStartupGate({ lifecycle }));
 *       applyDefaults();
 *     },
 *   }),
 * );
 * ```
 *
 * The root lifecycle runs its startup hooks once every plugin has
 * initialized and mounted its routes, which is also when Backstage's
 * readiness check turns healthy.
 *
 * @public
 */
export function createStartupGate(
  options: StartupGateOptions,
): (
  req: StartupGateRequest,
  res: StartupGateResponse,
  next: () => void,
) => void {
  const paths = options.paths ?? ['/api/data-platform'];
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  let started = false;
  options.lifecycle.addStartupHook(() => {
    started = true;
  });
  const held = (url: string) =>
    paths.some(
      path =>
        url === path ||
        url.startsWith(`${path}/`) ||
        url.startsWith(`${path}?`),
    );
  return (req, res, next) => {
    if (started || !held(req.url ?? '')) {
      next();
      return;
    }
    res.statusCode = 503;
    res.setHeader('Retry-After', retryAfter);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({
        error: {
          name: 'ServiceUnavailableError',
          message: 'The backend is starting; retry shortly',
        },
        request: { method: req.method, url: req.url },
        response: { statusCode: 503 },
      }),
    );
  };
}
