import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DataPlatformPermissionPolicy } from './DataPlatformPermissionPolicy';

/**
 * The app's permission policy, {@link DataPlatformPermissionPolicy}, as a
 * module of the permission plugin.
 */
export const permissionModuleDataPlatformPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'data-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          DataPlatformPermissionPolicy.fromConfig(config, { userInfo }),
        );
      },
    });
  },
});
