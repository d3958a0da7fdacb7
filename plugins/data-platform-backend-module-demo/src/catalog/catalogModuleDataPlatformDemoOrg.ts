import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readDemoConfig } from '../config/readDemoConfig';
import { demoPlatform } from '../runtime/DemoRuntime';
import { SimulatedOrgProvider } from './SimulatedOrgProvider';

/**
 * Adds the demo platform's teams to the catalog.
 *
 * @public
 */
export const catalogModuleDataPlatformDemoOrg = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-platform-demo-org',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        const demo = readDemoConfig(config);
        catalog.addEntityProvider(
          new SimulatedOrgProvider(
            demo.enabled ? demoPlatform(demo) : undefined,
          ),
        );
      },
    });
  },
});
