import { createApiRef } from '@backstage/core-plugin-api';
import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';

/**
 * The Utility API through which the data platform pages talk to the
 * metadata service. Apps may swap the implementation, e.g. in tests.
 *
 * @public
 */
export const dataPlatformApiRef = createApiRef<DataPlatformApi>({
  id: 'plugin.data-platform.api',
});
