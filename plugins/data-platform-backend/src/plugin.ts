import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { dataPlatformPermissions } from '@data-platform/plugin-data-platform-common';
import {
  DataPlatformHealthCheck,
  dataPlatformHealthExtensionPoint,
} from '@data-platform/plugin-data-platform-node';
import { DefaultAssetsService } from './assets/AssetsService';
import { EndpointStore } from './assets/EndpointStore';
import { ValueStore } from './assets/ValueStore';
import { WorkflowStore } from './assets/WorkflowStore';
import { migratedDatabase } from './database/migrations';
import { withTransientRetry } from './database/transientRetry';
import { readDerivationConfig } from './eventlog/config';
import { DefaultEventLogService } from './eventlog/EventLogService';
import { scheduleRawEventRetention } from './eventlog/retention';
import { createEventPipeline } from './eventPipeline';
import { HealthService } from './health/HealthService';
import { createRequirePermission } from './http/requirePermission';
import { readIngestionLimits } from './ingestion/config';
import { readLineageLimits } from './lineage/config';
import { DefaultLineageService } from './lineage/LineageService';
import { LineageStore } from './lineage/LineageStore';
import { DefaultOverviewService } from './overview/OverviewService';
import { OverviewStore } from './overview/OverviewStore';
import { scheduleCatalogReader } from './ownership/catalogReader';
import { readCatalogSchedule, readOwnerMapping } from './ownership/config';
import { OwnershipStore } from './ownership/OwnershipStore';
import { createRouter } from './service/router';

/**
 * The data platform metadata service.
 *
 * @public
 */
export const dataPlatformPlugin = createBackendPlugin({
  pluginId: 'data-platform',
  register(env) {
    const healthChecks: DataPlatformHealthCheck[] = [];
    env.registerExtensionPoint(dataPlatformHealthExtensionPoint, {
      addHealthCheck(...checks) {
        healthChecks.push(...checks);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
      }) {
        permissionsRegistry.addPermissions(dataPlatformPermissions);

        const db = await migratedDatabase(database);
        const derivation = readDerivationConfig(config);
        const limits = readIngestionLimits(config);

        // The write side: event log, queue, worker, ingestion, replay.
        const { log, queue, worker, ingestion, replayer } = createEventPipeline(
          {
            db,
            logger,
            derivation,
            maxDepth: limits.maxDepth,
          },
        );
        // Until the backend has started, events wait in the queue.
        lifecycle.addStartupHook(() => worker.start());
        lifecycle.addShutdownHook(() => worker.stop());
        await scheduleRawEventRetention({
          config,
          scheduler,
          store: log,
          logger,
        });

        // Owners: the configured mapping now, the catalog on its schedule;
        // each re-resolves only the rows whose facts changed.
        const ownership = new OwnershipStore(db);
        const ownerMapping = readOwnerMapping(config);
        // Replicas starting together sync the same mapping; one may wait
        // for, or collide with, the other's transaction.
        const mapping = await withTransientRetry(
          () => ownership.syncDirectory('mapping', ownerMapping),
          logger,
        );
        if (mapping.changed > 0) {
          logger.info(
            `Owner mapping: ${mapping.changed} entries changed, ${mapping.reresolved} owners re-resolved`,
          );
        }
        await scheduleCatalogReader({
          scheduler,
          schedule: readCatalogSchedule(config),
          catalog,
          auth,
          store: ownership,
          logger,
        });

        // The read side: one service per domain, each over its own store.
        const eventLog = new DefaultEventLogService({
          log,
          queue,
          replayer,
          mode: derivation.mode,
        });
        const health = new HealthService({
          databaseClient: log.databaseClient,
          ping: async () => {
            await db.raw('select 1');
          },
          derivationBacklog: () => queue.getDerivationBacklog(),
          checks: healthChecks,
        });
        const overview = new DefaultOverviewService(new OverviewStore(db), () =>
          eventLog.getDerivationStatus(),
        );
        const assets = new DefaultAssetsService(
          new EndpointStore(db, ownership),
          new WorkflowStore(db, ownership),
          new ValueStore(db),
        );
        const lineage = new DefaultLineageService(
          new LineageStore(db),
          readLineageLimits(config),
        );

        httpRouter.use(
          await createRouter({
            httpAuth,
            logger,
            requirePermission: createRequirePermission({
              httpAuth,
              permissions,
            }),
            requireServicePermission: createRequirePermission(
              { httpAuth, permissions },
              ['service'],
            ),
            health,
            overview,
            assets,
            lineage,
            eventLog,
            ingestion,
            maxBodySize: limits.maxBodySize,
            maxBatchEvents: limits.maxBatchEvents,
          }),
        );
        logger.info(
          `Metadata service ready on ${log.databaseClient}, with ${healthChecks.length} module health checks`,
        );
      },
    });
  },
});
