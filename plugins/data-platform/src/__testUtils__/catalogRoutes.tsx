import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../routes';

/**
 * The routes pages link to in the legacy system's test app: the plugin's
 * own root and the catalog's entity page, where owners link.
 */
export const mountedRoutes = {
  '/data': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/**
 * The catalog's entity page for the new system's test app, standing in
 * for the catalog plugin that an app installs beside this one.
 */
export const catalogEntityPage = createFrontendPlugin({
  pluginId: 'catalog',
  extensions: [
    PageBlueprint.make({
      params: {
        path: '/catalog/:namespace/:kind/:name',
        routeRef: entityRouteRef,
        loader: async () => <div>Catalog entity page</div>,
      },
    }),
  ],
});
