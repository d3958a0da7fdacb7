import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockDataPlatformApi,
  workflowDetail,
  workflowSummary,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderRoutes } from '../../__testUtils__/renderWithApi';
import { DataPlatformPage } from './DataPlatformPage';

describe('DataPlatformPage on the legacy frontend system', () => {
  it('opens the overview and tabs to the workflow pages', async () => {
    const api = mockDataPlatformApi();
    api.getOverview.mockResolvedValue({
      databaseClient: 'pg',
      ingestion: {
        acceptedEvents: 3,
        rejectedEvents: 0,
        derivation: { mode: 'background', backlog: 0, replaying: 0, failed: 0 },
      },
      counts: { endpoints: 1, workflows: 1, runs: 2 },
    });
    api.getHealth.mockResolvedValue({ status: 'ok', checks: [] });
    api.listWorkflows.mockResolvedValue({ items: [workflowSummary()] });
    api.getWorkflow.mockResolvedValue(workflowDetail());

    await renderRoutes(api, { '/data/*': <DataPlatformPage /> }, '/data');

    expect(await screen.findByText('Metadata service')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Workflows' }));
    await userEvent.click(
      await screen.findByRole('link', { name: 'load_orders' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'load_orders' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Workflows' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('tabs to the stewardship list', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [] });
    api.listWorkflows.mockResolvedValue({ items: [] });

    await renderRoutes(
      api,
      { '/data/*': <DataPlatformPage /> },
      '/data/stewardship',
    );

    expect(
      await screen.findByText('Every endpoint has an owner'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Stewardship' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });
});
