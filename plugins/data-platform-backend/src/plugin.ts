import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { dataPlatformPermissions } from '@data-platform/plugin-data-platform-common';
import {
  DataPlatformHealthCheck,
  dataPlatformHealthExtensionPoint,
} from '@data-platform/plugin-data-platform-node';
import { Replayer } from './derivation/Replayer';
import { HealthService } from './health/HealthService';
import { DEFAULT_MAX_BATCH_EVENTS } from './ingestion/ingestRoutes';
import { IngestionService } from './ingestion/IngestionService';
import { DEFAULT_MAX_DEPTH } from './ingestion/jsonDepth';
import { OpenLineageValidator } from './ingestion/OpenLineageValidator';
import { DefaultLineageService } from './lineage/LineageService';
import { LineageStore } from './lineage/LineageStore';
import { scheduleRawEventRetention } from './retention/rawEventRetention';
import { createRouter } from './service/router';
import { DatabaseMetadataStore } from './store/DatabaseMetadataStore';
import { ReplayStore } from './store/ReplayStore';

/** A limit from config that must be a positive integer. */
function positiveInteger(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(`${key} must be a positive integer, not ${value}`);
  }
  return value;
}

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

        const store = await DatabaseMetadataStore.create({ database });
        const health = new HealthService({ store, checks: healthChecks });
        const derivation = config.getOptionalConfig(
          'dataPlatform.ingestion.derivation',
        );
        const mode = derivation?.getOptionalString('mode') ?? 'background';
        if (mode !== 'background' && mode !== 'inline') {
          throw new InputError(
            `dataPlatform.ingestion.derivation.mode must be background or inline, not ${mode}`,
          );
        }
        const ingestion = new IngestionService({
          store,
          validator: new OpenLineageValidator(),
          logger,
          maxDepth: positiveInteger(
            config,
            'dataPlatform.ingestion.maxDepth',
            DEFAULT_MAX_DEPTH,
          ),
          derivation: {
            mode,
            maxBacklog: derivation?.getOptionalNumber('maxBacklog'),
            batchSize: derivation?.getOptionalNumber('batchSize'),
          },
        });
        const replayer = new Replayer(
          new ReplayStore(await database.getClient()),
          logger,
          count => ingestion.requeued(count),
        );
        lifecycle.addStartupHook(() => ingestion.start());
        lifecycle.addShutdownHook(() => ingestion.stop());
        await scheduleRawEventRetention({ config, scheduler, store, logger });
        const limits = config.getOptionalConfig('dataPlatform.lineage');
        const lineage = new DefaultLineageService(
          new LineageStore(await database.getClient()),
          {
            maxDepth: limits?.getOptionalNumber('maxDepth'),
            maxNodes: limits?.getOptionalNumber('maxNodes'),
            defaultFanout: limits?.getOptionalNumber('defaultFanout'),
            maxFanout: limits?.getOptionalNumber('maxFanout'),
            impactMaxNodes: limits?.getOptionalNumber('impactMaxNodes'),
          },
        );

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            logger,
            store,
            health,
            ingestion,
            lineage,
            replayer,
            maxBodySize:
              config.getOptionalString('dataPlatform.ingestion.maxBodySize') ??
              '32mb',
            maxBatchEvents: positiveInteger(
              config,
              'dataPlatform.ingestion.maxBatchEvents',
              DEFAULT_MAX_BATCH_EVENTS,
            ),
          }),
        );
        logger.info(
          `Metadata service ready on ${store.databaseClient}, with ${healthChecks.length} module health checks`,
        );
      },
    });
  },
});
