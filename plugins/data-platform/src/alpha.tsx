import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { DataPlatformClient } from '@data-platform/plugin-data-platform-common';
import StorageIcon from '@mui/icons-material/Storage';
import { dataPlatformApiRef } from './api';
import { rootRouteRef } from './routes';

const dataPlatformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataPlatformClient({ discoveryApi, fetchApi }),
    }),
});

const dataPlatformPage = PageBlueprint.make({
  params: {
    path: '/data',
    title: 'Data',
    icon: <StorageIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/Overview').then(m => <m.OverviewContent />),
  },
});

/**
 * The data platform plugin for apps on the new frontend system: the pages
 * under `/data`, their sidebar entry "Data", and the API client.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'data-platform',
  title: 'Data Platform',
  icon: <StorageIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [dataPlatformApi, dataPlatformPage],
});
