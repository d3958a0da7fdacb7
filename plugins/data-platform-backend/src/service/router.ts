import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  dataPlatformAdminPermission,
  dataPlatformMetadataReadPermission,
  DerivationStatus,
} from '@data-platform/plugin-data-platform-common';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { diffFields } from '../derivation/schemaFields';
import { HealthService } from '../health/HealthService';
import {
  IngestionBackpressureError,
  IngestionService,
} from '../ingestion/IngestionService';
import { impactCsv, impactCsvFilename } from '../lineage/impactCsv';
import { LineageService } from '../lineage/LineageService';
import { timestamp } from '../lineage/params';
import { spec } from '../schema/openapi';
import { MetadataStore } from '../store/MetadataStore';
import { storableParameters } from './readParameters';

function rejection(
  res: Response,
  status: number,
  name: string,
  message: string,
  jsonPath?: string,
) {
  res.status(status).json({
    error: { name, message, ...(jsonPath && { jsonPath }) },
    response: { statusCode: status },
  });
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  store: MetadataStore;
  health: HealthService;
  ingestion: IngestionService;
  lineage: LineageService;
  maxBodySize: string;
}) {
  const { httpAuth, permissions, logger, store, health, ingestion, lineage } =
    options;

  const authorize = async (
    req: Request<any, any, any, any, any>,
    permission: BasicPermission,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Unauthorized');
    }
  };

  // Ingestion reads the body itself: gzip, a size limit, JSON errors with a
  // position, and the bytes kept verbatim for the raw log and dead letters.
  const ingest = Router();
  const body = express.raw({
    type: () => true,
    limit: options.maxBodySize,
    inflate: true,
  });
  const servicesOnly = async (
    req: Request,
    _res: Response,
    next: NextFunction,
  ) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    next();
  };
  // Reads the body and hands it on without awaiting anything, so that no
  // frame holds the parsed body (for a batch, hundreds of thousands of
  // objects) while the write is awaited: it dies young instead of being
  // promoted and marked. `take` answers a reason to refuse it, or the write.
  const readBody = <T>(
    req: Request,
    take: (value: unknown, text: string) => Promise<T> | string,
  ): { write: Promise<T> } | { text: string; reason: string } => {
    const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    req.body = undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return {
        text,
        reason: `$ is not valid JSON: ${(error as Error).message}`,
      };
    }
    const taken = take(value, text);
    return typeof taken === 'string'
      ? { text, reason: taken }
      : { write: taken };
  };
  const refuse = async (
    res: Response,
    refused: { text: string; reason: string },
  ) => {
    await ingestion.rejectBody(refused.reason, '$', refused.text);
    rejection(res, 400, 'InputError', refused.reason, '$');
  };
  const unavailable =
    (res: Response) =>
    (error: unknown): never => {
      if (error instanceof IngestionBackpressureError) {
        res.set('Retry-After', String(error.retryAfterSeconds));
        throw error;
      }
      logger.error('Ingestion failed', error as Error);
      res.set('Retry-After', '1');
      throw new ServiceUnavailableError(
        'The metadata store could not take the events; retry later',
      );
    };

  // A full derivation queue refuses a request before its body is read and
  // parsed: producers retry then, and parsing bodies only to refuse them
  // would take the CPU the queue needs to drain.
  const admitted = (_req: Request, res: Response, next: NextFunction) => {
    try {
      ingestion.admit();
    } catch (error) {
      unavailable(res)(error);
    }
    next();
  };

  ingest.post('/v1/lineage', servicesOnly, admitted, body, async (req, res) => {
    const read = readBody(req, (event, text) =>
      ingestion.ingestOne(event, text),
    );
    if ('reason' in read) {
      await refuse(res, read);
      return;
    }
    const outcome = await read.write.catch(unavailable(res));
    if (outcome.ok) {
      res.status(201).json({ status: 'success', lenientNotes: outcome.notes });
    } else {
      rejection(res, 400, 'ValidationError', outcome.reason, outcome.jsonPath);
    }
  });

  ingest.post(
    '/v1/lineage/batch',
    servicesOnly,
    admitted,
    body,
    async (req, res) => {
      const read = readBody(req, events =>
        Array.isArray(events)
          ? ingestion.ingestBatch(events)
          : '$ must be a JSON array of OpenLineage events',
      );
      if ('reason' in read) {
        await refuse(res, read);
        return;
      }
      const result = await read.write.catch(unavailable(res));
      res.status(result.status === 'success' ? 200 : 207).json(result);
    },
  );

  // Body-parser failures are the client's: too large, bad gzip, aborted.
  ingest.use(
    async (
      error: { status?: number; type?: string; message: string },
      _req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (!error.status || error.status >= 500) {
        next(error);
        return;
      }
      const tooLarge = error.status === 413;
      const reason = tooLarge
        ? `The body exceeds the ${options.maxBodySize} limit (dataPlatform.ingestion.maxBodySize)`
        : `The body could not be read: ${error.message}`;
      await ingestion.rejectBody(reason, '$', '');
      rejection(
        res,
        error.status,
        tooLarge ? 'PayloadTooLargeError' : 'InputError',
        reason,
        '$',
      );
    },
  );

  const router = createValidatedOpenApiRouter(spec);
  router.use(storableParameters);

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const status = await health.getHealth();
    res.status(status.status === 'ok' ? 200 : 503).json(status);
  });

  const derivationStatus = async (): Promise<DerivationStatus> => {
    const queue = await store.getDerivationBacklog();
    return {
      mode: ingestion.mode,
      backlog: queue.backlog,
      failed: queue.failed,
      ...(queue.oldestQueuedAt && {
        oldestQueuedAt: queue.oldestQueuedAt.toISOString(),
      }),
    };
  };

  router.get('/v1/derivation', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await derivationStatus());
  });

  router.get('/v1/overview', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const [counts, derivation] = await Promise.all([
      store.getCounts(),
      derivationStatus(),
    ]);
    res.json({
      databaseClient: store.databaseClient,
      ingestion: {
        acceptedEvents: counts.acceptedEvents,
        rejectedEvents: counts.rejectedEvents,
        ...(counts.lastEventAt && {
          lastEventAt: counts.lastEventAt.toISOString(),
        }),
        derivation,
      },
      counts: {
        endpoints: counts.endpoints,
        workflows: counts.workflows,
        runs: counts.runs,
      },
    });
  });

  router.get('/v1/endpoints', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await store.listEndpoints(req.query));
  });

  router.get('/v1/endpoints/:id', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const endpoint = await store.getEndpoint(req.params.id);
    if (!endpoint) throw new NotFoundError(`No endpoint ${req.params.id}`);
    res.json(endpoint);
  });

  router.get('/v1/endpoints/:id/schema-versions', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const { id } = req.params;
    if (!(await store.getEndpoint(id))) {
      throw new NotFoundError(`No endpoint ${id}`);
    }
    res.json({ items: await store.listSchemaVersions(id) });
  });

  router.get('/v1/endpoints/:id/schema-diff', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const { id } = req.params;
    const { from, to } = req.query;
    const [before, after] = await Promise.all([
      store.getSchemaVersionFields(id, from),
      store.getSchemaVersionFields(id, to),
    ]);
    if (!before || !after) {
      throw new NotFoundError(
        `Endpoint ${id} has no schema version ${!before ? from : to}`,
      );
    }
    const changes = diffFields(before, after);
    res.json({ from, to, breaking: changes.some(c => c.breaking), changes });
  });

  router.get('/v1/endpoints/:id/partitions', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const { id } = req.params;
    const from = timestamp(req.query, 'from');
    const to = timestamp(req.query, 'to');
    if (!(await store.getEndpoint(id))) {
      throw new NotFoundError(`No endpoint ${id}`);
    }
    const { limit, cursor } = req.query;
    res.json(await store.listPartitions(id, { from, to, limit, cursor }));
  });

  router.get('/v1/workflows', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await store.listWorkflows(req.query));
  });

  router.get('/v1/workflows/:id', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const workflow = await store.getWorkflow(req.params.id);
    if (!workflow) throw new NotFoundError(`No workflow ${req.params.id}`);
    res.json(workflow);
  });

  router.get('/v1/workflows/:id/runs', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const { id } = req.params;
    // The store reads the times as given, once they pass the check.
    timestamp(req.query, 'from');
    timestamp(req.query, 'to');
    if (!(await store.getWorkflow(id))) {
      throw new NotFoundError(`No workflow ${id}`);
    }
    res.json(await store.listRuns(id, req.query));
  });

  router.get('/v1/runs/:runId', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const run = await store.getRun(req.params.runId);
    if (!run) throw new NotFoundError(`No run ${req.params.runId}`);
    res.json(run);
  });

  router.get('/v1/events', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await store.listRawEvents(req.query));
  });

  router.get('/v1/dead-letters', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await store.listDeadLetters(req.query));
  });

  // GET on the ingestion path reads the graph; POST (above) takes events.
  router.get('/v1/lineage', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await lineage.getGraph(req.query));
  });

  router.get('/v1/lineage/columns', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await lineage.getColumnGraph(req.query));
  });

  router.get('/v1/lineage/impact', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    const { format, ...query } = req.query;
    const report = await lineage.getImpact(query);
    if (format !== 'csv') {
      res.json(report);
      return;
    }
    const filename = impactCsvFilename(
      typeof query.name === 'string' ? query.name : report.focus,
    );
    // The typed response covers the JSON body only.
    (res as Response)
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${filename}"`)
      .send(impactCsv(report));
  });

  router.post('/v1/admin/replay', async (req, res) => {
    await authorize(req, dataPlatformAdminPermission);
    res.json({ replayed: await ingestion.replay() });
  });

  const root = Router();
  root.use(ingest);
  root.use(router);
  root.use(
    (error: Error, _req: Request, _res: Response, next: NextFunction) => {
      // Validation errors from the OpenAPI layer are the client's.
      if ((error as { status?: number }).status === 400) {
        next(new InputError(error.message));
        return;
      }
      next(error);
    },
  );
  return root;
}
