import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { DataPlatformClient } from '@data-platform/plugin-data-platform-common';
import StorageIcon from '@mui/icons-material/Storage';
import { dataPlatformApiRef } from './api';
import { rootRouteRef } from './routes';
import { searchResultListItem } from './components/SearchResultListItem/searchResultListItem';

const dataPlatformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataPlatformClient({ discoveryApi, fetchApi }),
    }),
});

// Without a loader the page renders its sub-pages as header tabs and sends
// `/data` to the first of them.
const dataPlatformPage = PageBlueprint.make({
  params: {
    path: '/data',
    title: 'Data',
    icon: <StorageIcon />,
    routeRef: rootRouteRef,
  },
});

const overviewSubPage = SubPageBlueprint.make({
  name: 'overview',
  params: {
    path: 'overview',
    title: 'Overview',
    loader: () =>
      import('./components/Overview').then(m => <m.OverviewContent />),
  },
});

// The endpoint and workflow pages live below their explorers' tabs, so the
// tab stays selected on them; their routes are React Router routes inside.
const endpointsSubPage = SubPageBlueprint.make({
  name: 'endpoints',
  params: {
    path: 'endpoints',
    title: 'Endpoints',
    loader: () =>
      import('./components/DataPlatformRoutes').then(m => <m.EndpointRoutes />),
  },
});

const workflowsSubPage = SubPageBlueprint.make({
  name: 'workflows',
  params: {
    path: 'workflows',
    title: 'Workflows',
    loader: () =>
      import('./components/DataPlatformRoutes').then(m => <m.WorkflowRoutes />),
  },
});

const lineageSubPage = SubPageBlueprint.make({
  name: 'lineage',
  params: {
    path: 'lineage',
    title: 'Lineage',
    loader: () =>
      import('./components/LineageExplorer').then(m => <m.LineagePage />),
  },
});

// The endpoints and workflows no owner resolved for, to be claimed.
const stewardshipSubPage = SubPageBlueprint.make({
  name: 'stewardship',
  params: {
    path: 'stewardship',
    title: 'Stewardship',
    loader: () =>
      import('./components/Stewardship').then(m => <m.StewardshipContent />),
  },
});

// On every Group and User page of the catalog; a User's tab lists their
// groups' data.
const teamDataEntityContent = EntityContentBlueprint.make({
  name: 'team-data',
  params: {
    path: '/data',
    title: 'Data',
    filter: { kind: { $in: ['group', 'user'] } },
    loader: () =>
      import('./components/TeamData').then(m => <m.TeamDataContent />),
  },
});

const datasetFilter = { kind: 'api', 'spec.type': 'dataset' };

// On API entities of type `dataset`: the endpoint each one stands for, as
// the provider's `endpoint-id` or a team's OpenLineage annotations name it.
const datasetEntityContent = EntityContentBlueprint.make({
  name: 'dataset-data',
  params: {
    path: '/data',
    title: 'Data',
    filter: datasetFilter,
    loader: () =>
      import('./components/EntityData').then(m => <m.EntityEndpointContent />),
  },
});

const pipelineEntityContent = EntityContentBlueprint.make({
  name: 'pipeline-data',
  params: {
    path: '/data',
    title: 'Data',
    filter: { kind: 'component', 'spec.type': 'data-pipeline' },
    loader: () =>
      import('./components/EntityData').then(m => <m.EntityWorkflowContent />),
  },
});

const endpointEntityCard = EntityCardBlueprint.make({
  name: 'endpoint',
  params: {
    filter: datasetFilter,
    loader: () =>
      import('./components/EntityData').then(m => <m.EntityEndpointCard />),
  },
});

const endpointSchemaEntityCard = EntityCardBlueprint.make({
  name: 'endpoint-schema',
  params: {
    filter: datasetFilter,
    loader: () =>
      import('./components/EntityData').then(m => (
        <m.EntityEndpointSchemaCard />
      )),
  },
});

// The graph is tall; the Data tab already has it, so an app opts in.
const endpointLineageEntityCard = EntityCardBlueprint.make({
  name: 'endpoint-lineage',
  disabled: true,
  params: {
    filter: datasetFilter,
    loader: () =>
      import('./components/EntityData').then(m => (
        <m.EntityEndpointLineageCard />
      )),
  },
});

/**
 * The data platform plugin for apps on the new frontend system: the pages
 * under `/data` (Overview, Endpoints, Workflows, Lineage and Stewardship tabs), their sidebar
 * entry "Data", the API client, the search result item of its
 * endpoints and workflows, the Data tab of catalog Group and User pages,
 * and on API `dataset` and Component `data-pipeline` entities a Data tab
 * and overview cards (the lineage card is disabled by default).
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
  extensions: [
    dataPlatformApi,
    dataPlatformPage,
    overviewSubPage,
    endpointsSubPage,
    workflowsSubPage,
    lineageSubPage,
    stewardshipSubPage,
    searchResultListItem,
    teamDataEntityContent,
    datasetEntityContent,
    pipelineEntityContent,
    endpointEntityCard,
    endpointSchemaEntityCard,
    endpointLineageEntityCard,
  ],
});
