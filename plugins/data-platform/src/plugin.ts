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

/**
 * The Data tab of an API entity of type `dataset` (see
 * {@link isDataPlatformDataset}): the endpoint's overview, schema,
 * partitions and lineage. The entity names the endpoint with the
 * `data-platform.io/endpoint-id` annotation, or with
 * `data-platform.io/openlineage-namespace` and `-name`.
 *
 * @public
 */
export const EntityDataPlatformDatasetContent: () => JSX.Element =
  dataPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityDataPlatformDatasetContent',
      component: {
        lazy: () =>
          import('./components/EntityData').then(m => m.EntityEndpointContent),
      },
    }),
  );

/**
 * The Data tab of a Component entity of type `data-pipeline` (see
 * {@link isDataPlatformPipeline}): the workflow's overview, runs and
 * lineage.
 *
 * @public
 */
export const EntityDataPlatformPipelineContent: () => JSX.Element =
  dataPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityDataPlatformPipelineContent',
      component: {
        lazy: () =>
          import('./components/EntityData').then(m => m.EntityWorkflowContent),
      },
    }),
  );

/**
 * An overview card of an API `dataset` entity: the endpoint's identity,
 * schema version, last partition, producers and consumers.
 *
 * @public
 */
export const EntityDataPlatformEndpointCard: () => JSX.Element =
  dataPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityDataPlatformEndpointCard',
      component: {
        lazy: () =>
          import('./components/EntityData').then(m => m.EntityEndpointCard),
      },
    }),
  );

/**
 * An overview card of an API `dataset` entity: the endpoint's current
 * fields.
 *
 * @public
 */
export const EntityDataPlatformSchemaCard: () => JSX.Element =
  dataPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityDataPlatformSchemaCard',
      component: {
        lazy: () =>
          import('./components/EntityData').then(
            m => m.EntityEndpointSchemaCard,
          ),
      },
    }),
  );

/**
 * An overview card of an API `dataset` entity: the lineage graph around
 * the endpoint.
 *
 * @public
 */
export const EntityDataPlatformLineageCard: () => JSX.Element =
  dataPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityDataPlatformLineageCard',
      component: {
        lazy: () =>
          import('./components/EntityData').then(
            m => m.EntityEndpointLineageCard,
          ),
      },
    }),
  );
