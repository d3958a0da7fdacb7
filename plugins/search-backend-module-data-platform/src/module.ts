import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { dataPlatformServiceRef } from '@data-platform/plugin-data-platform-node';
import { readScheduleConfigOptions } from './collator/config';
import { DataPlatformCollatorFactory } from './collator/DataPlatformCollatorFactory';

/**
 * Indexes the data platform's endpoints and workflows for search, on the
 * schedule `search.collators.dataPlatform.schedule` gives (every ten
 * minutes by default).
 *
 * @public
 */
export const searchModuleDataPlatformCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'data-platform-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
        dataPlatform: dataPlatformServiceRef,
      },
      async init({ auth, config, scheduler, indexRegistry, dataPlatform }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readScheduleConfigOptions(config),
          ),
          factory: DataPlatformCollatorFactory.fromConfig(config, {
            auth,
            dataPlatform,
          }),
        });
      },
    });
  },
});
