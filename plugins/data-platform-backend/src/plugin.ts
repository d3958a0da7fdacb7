import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { dataPlatformPermissions } from '@data-platform/plugin-data-platform-common';
import {
  DataPlatformHealthCheck,
  dataPlatformHealthExtensionPoint,
} from '@data-platform/plugin-data-platform-node';
import { HealthService } from './health/HealthService';
import { createRouter } from './service/router';
import { DatabaseMetadataStore } from './store/DatabaseMetadataStore';

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
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(dataPlatformPermissions);

        const store = await DatabaseMetadataStore.create({ database });
        const health = new HealthService({ store, checks: healthChecks });

        httpRouter.use(
          await createRouter({ httpAuth, permissions, store, health }),
        );
        logger.info(
          `Metadata service ready on ${store.databaseClient}, with ${healthChecks.length} module health checks`,
        );
      },
    });
  },
});
