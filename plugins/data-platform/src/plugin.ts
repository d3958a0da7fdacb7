import type { JSX } from 'react';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import {
  DATA_PLATFORM_SEARCH_TYPE,
  DataPlatformClient,
} from '@data-platform/plugin-data-platform-common';
import { dataPlatformApiRef } from './api';
import type { DataPlatformSearchResultListItemProps } from './components/SearchResultListItem';
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

/**
 * The search result item of endpoints and workflows (results of type
 * `data-platform`): the name linking to its page, the kind, the owner and
 * the namespace. A child of a legacy app's `SearchResult`, it renders only
 * results of that type.
 *
 * @public
 */
export const DataPlatformSearchResultListItem: (
  props: DataPlatformSearchResultListItemProps,
) => JSX.Element | null = dataPlatformPlugin.provide(
  createSearchResultListItemExtension({
    name: 'DataPlatformSearchResultListItem',
    component: () =>
      import('./components/SearchResultListItem').then(
        m => m.DataPlatformSearchResultListItem,
      ),
    predicate: result => result.type === DATA_PLATFORM_SEARCH_TYPE,
  }),
);

/**
 * The Data tab of a catalog Group or User page: the endpoints and workflows
 * the group owns (for a User, those of each group they are a member of),
 * with each endpoint's last partition and each workflow's latest run. For a
 * legacy app's `EntityLayout.Route` on the Group and User pages.
 *
 * @public
 */
export const EntityDataPlatformTeamContent: () => JSX.Element =
  dataPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityDataPlatformTeamContent',
      component: {
        lazy: () =>
          import('./components/TeamData').then(m => m.TeamDataContent),
      },
    }),
  );
