import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dataPlatformApiRef } from './api';
import { rootRouteRef } from './routes';
import dataPlatformPlugin from './alpha';
import {
  catalogEntityPage,
  mountedRoutes,
} from './__testUtils__/catalogRoutes';
import { ordersLineage } from './__testUtils__/lineageFixtures';
import {
  endpointDetail,
  endpointSummary,
  mockDataPlatformApi,
} from './__testUtils__/mockDataPlatformApi';

function mockApi() {
  const api = mockDataPlatformApi();
  api.getOverview.mockResolvedValue({
    databaseClient: 'better-sqlite3',
    ingestion: {
      acceptedEvents: 0,
      rejectedEvents: 0,
      derivation: { mode: 'background', backlog: 0, replaying: 0, failed: 0 },
    },
    counts: { endpoints: 0, workflows: 0, runs: 0 },
  });
  api.getHealth.mockResolvedValue({
    status: 'ok',
    checks: [{ name: 'database', status: 'ok' }],
  });
  api.listEndpoints.mockResolvedValue({ items: [endpointSummary()] });
  api.getEndpoint.mockResolvedValue(endpointDetail());
  return api;
}

describe('data platform plugin on the new frontend system', () => {
  it('opens the overview tab at /data', async () => {
    renderTestApp({
      features: [dataPlatformPlugin, catalogEntityPage],
      apis: [[dataPlatformApiRef, mockApi()]],
      initialRouteEntries: ['/data'],
    });

    expect(await screen.findByText('Metadata service')).toBeInTheDocument();
    expect(screen.getByText('No metadata yet')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Endpoints' })).toHaveAttribute(
      'href',
      '/data/endpoints',
    );
    expect(screen.getByRole('tab', { name: 'Workflows' })).toHaveAttribute(
      'href',
      '/data/workflows',
    );
  });

  it('goes from the overview to the endpoint explorer and an endpoint', async () => {
    const api = mockApi();
    renderTestApp({
      features: [dataPlatformPlugin, catalogEntityPage],
      apis: [[dataPlatformApiRef, api]],
      initialRouteEntries: ['/data/overview'],
    });

    await userEvent.click(
      await screen.findByRole('link', { name: 'Browse endpoints' }),
    );
    await userEvent.click(
      await screen.findByRole('link', { name: 'public.orders' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'public.orders' }),
    ).toBeInTheDocument();
    expect(api.getEndpoint).toHaveBeenCalledWith('ep-orders');

    api.listPartitions.mockResolvedValue({ items: [] });
    await userEvent.click(screen.getByRole('tab', { name: 'Partitions' }));
    expect(await screen.findByText('No partitions yet')).toBeInTheDocument();
  });

  it("links an endpoint's owner to the catalog Group", async () => {
    renderTestApp({
      features: [dataPlatformPlugin, catalogEntityPage],
      apis: [[dataPlatformApiRef, mockApi()]],
      initialRouteEntries: ['/data/endpoints/ep-orders'],
    });

    const owner = await screen.findByRole('link', { name: 'team-a' });
    expect(owner).toHaveAttribute('href', '/catalog/default/group/team-a');
    await userEvent.click(owner);
    expect(await screen.findByText('Catalog entity page')).toBeInTheDocument();
  });

  it('lists the unowned at /data/stewardship', async () => {
    const api = mockApi();
    api.listEndpoints.mockResolvedValue({
      items: [
        endpointSummary({
          owner: undefined,
          observedOwner: '***',
          ownerRule: 'unowned',
          unownedReason: 'masked',
        }),
      ],
    });
    api.listWorkflows.mockResolvedValue({ items: [] });
    renderTestApp({
      features: [dataPlatformPlugin, catalogEntityPage],
      apis: [[dataPlatformApiRef, api]],
      initialRouteEntries: ['/data/stewardship'],
    });
    expect(
      await screen.findByRole('button', { name: 'Claim public.orders' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Stewardship' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(api.listEndpoints).toHaveBeenCalledWith(
      expect.objectContaining({ unowned: true }),
    );
  });

  it('renders the endpoint explorer at /data/endpoints with its filters', async () => {
    const api = mockApi();
    renderTestApp({
      features: [dataPlatformPlugin, catalogEntityPage],
      apis: [[dataPlatformApiRef, api]],
      initialRouteEntries: ['/data/endpoints?tag=gold'],
    });

    expect(
      await screen.findByRole('link', { name: 'public.orders' }),
    ).toHaveAttribute('href', '/data/endpoints/ep-orders');
    expect(api.listEndpoints).toHaveBeenCalledWith(
      expect.objectContaining({ tag: 'gold' }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Filter by tag pii' }),
    );
    expect(await screen.findByLabelText('Tag')).toHaveValue('pii');
    expect(api.listEndpoints).toHaveBeenLastCalledWith(
      expect.objectContaining({ tag: 'pii' }),
    );
  });

  it("opens an endpoint's Lineage tab, and the standalone explorer from it", async () => {
    const api = mockApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    renderTestApp({
      features: [dataPlatformPlugin, catalogEntityPage],
      apis: [[dataPlatformApiRef, api]],
      initialRouteEntries: ['/data/endpoints/ep-orders/lineage'],
    });

    expect(
      await screen.findByTestId('lineage-node-wf-load'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Lineage', selected: true }),
    ).toHaveAttribute('href', '/data/endpoints/ep-orders/lineage');
    await userEvent.click(
      screen.getByRole('link', { name: 'Open in the lineage explorer' }),
    );
    // The standalone explorer: the Data page's own Lineage tab, focused
    // on the same endpoint.
    await waitFor(() =>
      expect(screen.getAllByRole('tab', { name: 'Lineage' })).toHaveLength(1),
    );
    expect(screen.getByRole('tab', { name: 'Lineage' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await screen.findByTestId('lineage-node-wf-load'),
    ).toBeInTheDocument();
  }, 30_000);

  it('adds a Data tab to catalog Group and User pages', async () => {
    const api = mockApi();
    api.listWorkflows.mockResolvedValue({ items: [] });
    const tester = createExtensionTester(
      dataPlatformPlugin.getExtension('entity-content:data-platform/team-data'),
      { apis: [[dataPlatformApiRef, api]] },
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Data');
    const shows = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const entity = (kind: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'team-a' },
    });
    expect(shows(entity('Group'))).toBe(true);
    expect(shows(entity('User'))).toBe(true);
    expect(shows(entity('Component'))).toBe(false);

    renderInTestApp(
      <EntityProvider entity={entity('Group')}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[dataPlatformApiRef, api]],
        mountedRoutes: { '/data': rootRouteRef },
      },
    );
    expect(
      await screen.findByRole('link', { name: 'public.orders' }),
    ).toHaveAttribute('href', '/data/endpoints/ep-orders');
    expect(api.listEndpoints).toHaveBeenCalledWith(
      expect.objectContaining({ owner: 'group:default/team-a' }),
    );
  });

  it('adds a Data tab and cards to API dataset entities', async () => {
    const api = mockApi();
    const dataset: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'orders',
        annotations: { 'data-platform.io/endpoint-id': 'ep-orders' },
      },
      spec: { type: 'dataset' },
    };
    const other: Entity = { ...dataset, spec: { type: 'openapi' } };
    const tester = createExtensionTester(
      dataPlatformPlugin.getExtension(
        'entity-content:data-platform/dataset-data',
      ),
      { apis: [[dataPlatformApiRef, api]] },
    );
    const shows = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(shows(dataset)).toBe(true);
    expect(shows(other)).toBe(false);

    const card = createExtensionTester(
      dataPlatformPlugin.getExtension('entity-card:data-platform/endpoint'),
      { apis: [[dataPlatformApiRef, api]] },
    );
    expect(
      card.get(EntityCardBlueprint.dataRefs.filterFunction)!(dataset),
    ).toBe(true);

    renderInTestApp(
      <EntityProvider entity={dataset}>{tester.reactElement()}</EntityProvider>,
      { apis: [[dataPlatformApiRef, api]], mountedRoutes },
    );
    expect(
      await screen.findByRole('tab', { name: 'Overview', selected: true }),
    ).toBeInTheDocument();
    expect(api.getEndpoint).toHaveBeenCalledWith('ep-orders');
  });

  it('shows pipeline Data tabs on Component data-pipeline entities only', () => {
    const tester = createExtensionTester(
      dataPlatformPlugin.getExtension(
        'entity-content:data-platform/pipeline-data',
      ),
    );
    const shows = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const component = (type: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'load-orders' },
      spec: { type },
    });
    expect(shows(component('data-pipeline'))).toBe(true);
    expect(shows(component('service'))).toBe(false);
  });
});
