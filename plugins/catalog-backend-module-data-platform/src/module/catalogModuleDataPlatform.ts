import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { dataPlatformServiceRef } from '@data-platform/plugin-data-platform-node';
import { readProviderConfig } from '../config/readProviderConfig';
import { DataPlatformEntityProvider } from '../provider/DataPlatformEntityProvider';

/**
 * Puts the data platform's endpoints (API entities of type `dataset`) and
 * workflows (Component entities of type `data-pipeline`, consuming and
 * providing the APIs of their current lineage) into the catalog, on the
 * schedule `catalog.providers.dataPlatform.schedule` sets.
 *
 * @public
 */
export const catalogModuleDataPlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-platform',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        dataPlatform: dataPlatformServiceRef,
      },
      async init({ catalog, config, auth, logger, scheduler, dataPlatform }) {
        catalog.addEntityProvider(
          new DataPlatformEntityProvider({
            config: readProviderConfig(config),
            dataPlatform,
            auth,
            logger,
            scheduler,
          }),
        );
      },
    });
  },
});
