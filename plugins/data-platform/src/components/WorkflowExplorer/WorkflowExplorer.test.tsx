import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockDataPlatformApi,
  runSummary,
  workflowSummary,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderRoutes } from '../../__testUtils__/renderWithApi';
import { WorkflowRoutes } from '../DataPlatformRoutes';

function renderExplorer(api: DataPlatformApi, url = '/data/workflows') {
  return renderRoutes(api, { '/data/workflows/*': <WorkflowRoutes /> }, url);
}

describe('WorkflowExplorer', () => {
  it('lists workflows with their job type and latest run', async () => {
    const api = mockDataPlatformApi();
    api.listWorkflows.mockResolvedValue({
      items: [
        workflowSummary(),
        workflowSummary({
          id: 'wf-report',
          name: 'daily_revenue',
          description: undefined,
          jobType: undefined,
          latestRun: runSummary({ state: 'FAILED' }),
        }),
      ],
    });
    await renderExplorer(api, '/data/workflows?owner=group%3Adefault%2Fteam-a');

    expect(
      await screen.findByRole('link', { name: 'load_orders' }),
    ).toHaveAttribute('href', '/data/workflows/wf-load');
    expect(screen.getByText('BATCH · TASK · AIRFLOW')).toBeInTheDocument();
    expect(screen.getByText('Completed')).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(api.listWorkflows).toHaveBeenCalledWith(
      expect.objectContaining({ owner: 'group:default/team-a', limit: 25 }),
    );
  });

  it('searches and pages with the cursor', async () => {
    const api = mockDataPlatformApi();
    api.listWorkflows.mockImplementation(async filters => ({
      items: [
        workflowSummary({
          id: `wf-${filters?.cursor ?? 'first'}`,
          name: `job on ${filters?.cursor ?? 'first'} page`,
        }),
      ],
      nextCursor: filters?.cursor ? undefined : 'second',
    }));
    await renderExplorer(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('link', { name: 'job on second page' }),
    ).toBeInTheDocument();

    // A new search starts again from the first page.
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search workflows' }),
      'orders{Enter}',
    );
    await waitFor(() =>
      expect(api.listWorkflows).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'orders', cursor: undefined }),
      ),
    );
    expect(
      await screen.findByRole('link', { name: 'job on first page' }),
    ).toBeInTheDocument();
  });

  it('says when there are no workflows yet', async () => {
    const api = mockDataPlatformApi();
    api.listWorkflows.mockResolvedValue({ items: [] });
    await renderExplorer(api);
    expect(await screen.findByText('No workflows yet')).toBeInTheDocument();
  });
});
