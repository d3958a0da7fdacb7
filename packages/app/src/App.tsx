import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import dataPlatformPlugin from '@data-platform/plugin-data-platform/alpha';
import { navModule } from './modules/nav';
import { rootRedirectModule } from './modules/rootRedirect';

export default createApp({
  features: [catalogPlugin, dataPlatformPlugin, navModule, rootRedirectModule],
});
