import type { JSX } from 'react';
import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DataPlatformClient } from '@data-platform/plugin-data-platform-common';
import { dataPlatformApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The data platform plugin for apps on the legacy frontend system. Apps on
 * the new frontend system install the default export of
 * `@data-platform/plugin-data-platform/alpha` instead.
 *
 * @public
 */
export const dataPlatformPlugin = createPlugin({
  id: 'data-platform',
  apis: [
    createApiFactory({
      api: dataPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataPlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

// Typed so that the public type does not name the lazily loaded component.
/**
 * The data platform pages, to mount at `/data` in a legacy app's routes.
 *
 * @public
 */
export const DataPlatformPage: () => JSX.Element = dataPlatformPlugin.provide(
  createRoutableExtension({
    name: 'DataPlatformPage',
    component: () =>
      import('./components/DataPlatformPage').then(m => m.DataPlatformPage),
    mountPoint: rootRouteRef,
  }),
);
