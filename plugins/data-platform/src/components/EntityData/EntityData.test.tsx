import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';
import { NotFoundError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import {
  endpointDetail,
  endpointSummary,
  mockDataPlatformApi,
  runSummary,
  workflowDetail,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import {
  EntityEndpointCard,
  EntityEndpointContent,
  EntityEndpointSchemaCard,
  EntityWorkflowContent,
  isDataPlatformDataset,
  isDataPlatformPipeline,
} from '.';

function dataset(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders', annotations },
    spec: { type: 'dataset', lifecycle: 'production', owner: 'team-a' },
  };
}

function render(api: DataPlatformApi, entity: Entity, element: ReactElement) {
  return renderWithApi(
    api,
    <EntityProvider entity={entity}>{element}</EntityProvider>,
  );
}

describe('entity filters', () => {
  it('knows datasets and pipelines, whatever the case', () => {
    expect(isDataPlatformDataset(dataset())).toBe(true);
    expect(
      isDataPlatformDataset({ ...dataset(), spec: { type: 'openapi' } }),
    ).toBe(false);
    expect(
      isDataPlatformPipeline({
        ...dataset(),
        kind: 'component',
        spec: { type: 'Data-Pipeline' },
      }),
    ).toBe(true);
  });
});

describe('EntityEndpointContent', () => {
  it("shows the provider entity's endpoint by id, section by section", async () => {
    const api = mockDataPlatformApi();
    api.getEndpoint.mockResolvedValue(endpointDetail());
    api.listSchemaVersions.mockResolvedValue({ items: [] });
    await render(
      api,
      dataset({ 'data-platform.io/endpoint-id': 'ep-orders' }),
      <EntityEndpointContent />,
    );

    expect(
      await screen.findByRole('tab', { name: 'Overview', selected: true }),
    ).toBeInTheDocument();
    expect(api.getEndpoint).toHaveBeenCalledWith('ep-orders');
    expect(screen.getByRole('link', { name: 'Open in Data' })).toHaveAttribute(
      'href',
      '/data/endpoints/ep-orders',
    );
    expect(screen.getByText('load_orders')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Schema' }));
    expect(await screen.findByText('order_id')).toBeInTheDocument();
  });

  it("resolves a team's declared OpenLineage identity through the list API", async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [endpointSummary()] });
    api.getEndpoint.mockResolvedValue(endpointDetail());
    await render(
      api,
      dataset({
        'data-platform.io/openlineage-namespace': 'postgres://warehouse:5432',
        'data-platform.io/openlineage-name': 'public.orders',
      }),
      <EntityEndpointContent />,
    );

    expect(
      await screen.findByRole('tab', { name: 'Overview', selected: true }),
    ).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenCalledWith({
      namespace: 'postgres://warehouse:5432',
      name: 'public.orders',
      limit: 1,
    });
    expect(api.getEndpoint).toHaveBeenCalledWith('ep-orders');
  });

  it('explains a declared endpoint no event named yet', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [] });
    await render(
      api,
      dataset({
        'data-platform.io/openlineage-namespace': 's3://lake',
        'data-platform.io/openlineage-name': 'clicks',
      }),
      <EntityEndpointContent />,
    );
    expect(
      await screen.findByText('No endpoint observed yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/s3:\/\/lake\/clicks/)).toBeInTheDocument();
  });

  it('explains an id the service does not know as unobserved, not an error', async () => {
    const api = mockDataPlatformApi();
    api.getEndpoint.mockRejectedValue(new NotFoundError('No endpoint ep-x'));
    await render(
      api,
      dataset({ 'data-platform.io/endpoint-id': 'ep-x' }),
      <EntityEndpointContent />,
    );
    expect(
      await screen.findByText('No endpoint observed yet'),
    ).toBeInTheDocument();
  });

  it('tells how to link an entity without annotations', async () => {
    const api = mockDataPlatformApi();
    await render(api, dataset(), <EntityEndpointContent />);
    expect(
      await screen.findByText('Not linked to a data platform endpoint'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/data-platform.io\/openlineage-namespace/),
    ).toBeInTheDocument();
    expect(api.getEndpoint).not.toHaveBeenCalled();
  });
});

describe('endpoint cards', () => {
  it('summarises the endpoint with a link to its page', async () => {
    const api = mockDataPlatformApi();
    api.getEndpoint.mockResolvedValue(endpointDetail());
    await render(
      api,
      dataset({ 'data-platform.io/endpoint-id': 'ep-orders' }),
      <EntityEndpointCard />,
    );
    expect(await screen.findByText('Version 3 · 7 fields')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open in Data' })).toHaveAttribute(
      'href',
      '/data/endpoints/ep-orders',
    );
    expect(screen.getByRole('link', { name: 'load_orders' })).toHaveAttribute(
      'href',
      '/data/workflows/wf-load',
    );
  });

  it('lists the current fields, and says so when there is no schema', async () => {
    const api = mockDataPlatformApi();
    api.getEndpoint.mockResolvedValue(endpointDetail());
    const { unmount } = await render(
      api,
      dataset({ 'data-platform.io/endpoint-id': 'ep-orders' }),
      <EntityEndpointSchemaCard />,
    );
    expect(await screen.findByText('order_id')).toBeInTheDocument();
    unmount();

    api.getEndpoint.mockResolvedValue(endpointDetail({ schema: undefined }));
    await render(
      api,
      dataset({ 'data-platform.io/endpoint-id': 'ep-orders' }),
      <EntityEndpointSchemaCard />,
    );
    expect(await screen.findByText(/carried a schema/)).toBeInTheDocument();
  });

  it('keeps a card small when the entity has no annotations', async () => {
    await render(mockDataPlatformApi(), dataset(), <EntityEndpointCard />);
    expect(
      await screen.findByText('Not linked to a data platform endpoint'),
    ).toBeInTheDocument();
  });
});

describe('EntityWorkflowContent', () => {
  it("shows a pipeline's workflow with its runs", async () => {
    const api = mockDataPlatformApi();
    api.getWorkflow.mockResolvedValue(workflowDetail());
    api.listRuns.mockResolvedValue({ items: [runSummary()] });
    await render(
      api,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'load-orders',
          annotations: { 'data-platform.io/workflow-id': 'wf-load' },
        },
        spec: { type: 'data-pipeline' },
      },
      <EntityWorkflowContent />,
    );
    expect(
      await screen.findByRole('tab', { name: 'Overview', selected: true }),
    ).toBeInTheDocument();
    expect(api.getWorkflow).toHaveBeenCalledWith('wf-load');
    await userEvent.click(screen.getByRole('tab', { name: 'Runs' }));
    expect(api.listRuns).toHaveBeenCalled();
  });
});
