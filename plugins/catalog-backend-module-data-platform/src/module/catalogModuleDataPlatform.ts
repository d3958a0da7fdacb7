import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { dataPlatformServiceRef } from '@data-platform/plugin-data-platform-node';
import { readProviderConfig } from '../config/readProviderConfig';
import { DataPlatformDeclarationProcessor } from '../declarations/DeclarationProcessor';
import { readDeclarations } from '../declarations/readDeclarations';
import { DataPlatformEntityProvider } from '../provider/DataPlatformEntityProvider';
import { ProviderStateStore } from '../state/ProviderStateStore';

/**
 * Puts the data platform's endpoints (API entities of type `dataset`) and
 * workflows (Component entities of type `data-pipeline`, consuming and
 * providing the APIs of their current lineage) into the catalog: a full
 * sync on `catalog.providers.dataPlatform.schedule`, a change poll on
 * `deltaSchedule`. Entities teams declare with the OpenLineage annotations
 * win over the provider's, and their declarations are checked (processing
 * errors on the declaring entity).
 *
 * @public
 */
export const catalogModuleDataPlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-platform',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        dataPlatform: dataPlatformServiceRef,
      },
      async init({
        processing,
        catalog,
        config,
        auth,
        logger,
        scheduler,
        database,
        dataPlatform,
      }) {
        const state = await ProviderStateStore.create(database);
        processing.addEntityProvider(
          new DataPlatformEntityProvider({
            config: readProviderConfig(config),
            dataPlatform,
            auth,
            logger,
            scheduler,
            state,
            readDeclarations: () => readDeclarations({ catalog, auth }),
          }),
        );
        processing.addProcessor(
          new DataPlatformDeclarationProcessor({ dataPlatform, auth, logger }),
        );
      },
    });
  },
});
