import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  dataPlatformAdminPermission,
  dataPlatformEventsReadPermission,
  dataPlatformMetadataReadPermission,
  DerivationStatus,
} from '@data-platform/plugin-data-platform-common';
import { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { Replayer } from '../derivation/Replayer';
import { diffFields } from '../derivation/schemaFields';
import { HealthService } from '../health/HealthService';
import { createIngestionRouter } from '../ingestion/ingestRoutes';
import { IngestionService } from '../ingestion/IngestionService';
import { impactCsv, impactCsvFilename } from '../lineage/impactCsv';
import { LineageService } from '../lineage/LineageService';
import { timestamp } from '../lineage/params';
import { createOpenApiRouter } from '../schema/openapi';
import { MetadataStore } from '../store/MetadataStore';
import { storableParameters } from './readParameters';

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  store: MetadataStore;
  health: HealthService;
  ingestion: IngestionService;
  lineage: LineageService;
  replayer: Replayer;
  maxBodySize: string;
  maxBatchEvents: number;
}) {
  const {
    httpAuth,
    permissions,
    logger,
    store,
    health,
    ingestion,
    lineage,
    replayer,
  } = options;

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

  const router = await createOpenApiRouter();
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
      replaying: queue.replaying,
      failed: queue.failed,
      ...(queue.oldestQueuedAt && {
        oldestQueuedAt: queue.oldestQueuedAt.toISOString(),
      }),
      ...(queue.replay && {
        replay: {
          startedAt: queue.replay.startedAt.toISOString(),
          phase: queue.replay.clearing ? 'clearing' : 'queuing',
        },
      }),
    };
  };

  router.get('/v1/derivation', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await derivationStatus());
  });

  router.get('/v1/derivation/failed', async (req, res) => {
    await authorize(req, dataPlatformMetadataReadPermission);
    res.json(await store.listFailedDerivations(req.query));
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
    await authorize(req, dataPlatformEventsReadPermission);
    res.json(await store.listRawEvents(req.query));
  });

  router.get('/v1/dead-letters', async (req, res) => {
    await authorize(req, dataPlatformEventsReadPermission);
    res.json(await store.listDeadLetters(req.query));
  });

  // GET on the ingestion path reads the graph; POST takes events
  // (createIngestionRouter).
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
    // Answered once the raw log is queued; the worker derives it after.
    res.status(202).json(await replayer.replay());
  });

  const root = Router();
  // Ingestion reads its body itself (see createIngestionRouter).
  root.use(
    createIngestionRouter({
      httpAuth,
      permissions,
      logger,
      ingestion,
      maxBodySize: options.maxBodySize,
      maxBatchEvents: options.maxBatchEvents,
    }),
  );
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
