/**
 * The demo platform of the data platform metadata service: the runtime
 * simulator seeds the service on first start, keeps it live, and puts the
 * simulated teams in the catalog. Configured under `dataPlatform.demo`.
 *
 * @packageDocumentation
 */

import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleDataPlatformDemoOrg } from './catalog/catalogModuleDataPlatformDemoOrg';
import { dataPlatformModuleDemo } from './module/dataPlatformModuleDemo';

export { dataPlatformModuleDemo, catalogModuleDataPlatformDemoOrg };

/**
 * Both modules: the runtime, a module of the data-platform plugin, and the
 * teams, a module of the catalog (one module extends one plugin).
 *
 * @public
 */
export default createBackendFeatureLoader({
  *loader() {
    yield dataPlatformModuleDemo;
    yield catalogModuleDataPlatformDemoOrg;
  },
});
