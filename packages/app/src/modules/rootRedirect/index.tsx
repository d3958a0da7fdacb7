import {
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { Navigate } from 'react-router-dom';

// The portal exists for its data pages, so the root lands on them.
const rootRedirectPage = PageBlueprint.make({
  name: 'root-redirect',
  params: {
    path: '/',
    noHeader: true,
    loader: async () => <Navigate to="/data" replace />,
  },
});

export const rootRedirectModule = createFrontendModule({
  pluginId: 'app',
  extensions: [rootRedirectPage],
});
