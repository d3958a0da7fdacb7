import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { AssetsService } from '../assets/AssetsService';
import { addAssetRoutes } from '../assets/routes';
import { EventLogService } from '../eventlog/EventLogService';
import { addEventLogRoutes } from '../eventlog/routes';
import { HealthService } from '../health/HealthService';
import { addHealthRoutes } from '../health/routes';
import { storableParameters } from '../http/readParameters';
import { RequirePermission } from '../http/requirePermission';
import { IngestionService } from '../ingestion/IngestionService';
import { createIngestionRouter } from '../ingestion/routes';
import { LineageService } from '../lineage/LineageService';
import { addLineageRoutes } from '../lineage/routes';
import { OverviewService } from '../overview/OverviewService';
import { addOverviewRoutes } from '../overview/routes';
import { createOpenApiRouter } from '../schema/openapi';

/**
 * The plugin's HTTP API: ingestion, which reads its bodies itself, then
 * the OpenAPI-validated router with every domain's routes. Each domain
 * adds its own (`<domain>/routes.ts`); a route checks its permission with
 * `requirePermission` and hands typed parameters to its domain's service.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  /** Users and services. */
  requirePermission: RequirePermission;
  /** Services only: ingestion. */
  requireServicePermission: RequirePermission;
  health: HealthService;
  overview: OverviewService;
  assets: AssetsService;
  lineage: LineageService;
  eventLog: EventLogService;
  ingestion: IngestionService;
  maxBodySize: string;
  maxBatchEvents: number;
}) {
  const { requirePermission } = options;

  const router = await createOpenApiRouter();
  router.use(storableParameters);
  addHealthRoutes(router, options);
  addOverviewRoutes(router, options);
  addAssetRoutes(router, options);
  addLineageRoutes(router, options);
  addEventLogRoutes(router, { eventLog: options.eventLog, requirePermission });

  const root = Router();
  // Ingestion reads its body itself (see createIngestionRouter).
  root.use(createIngestionRouter(options));
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
