import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  endpointDetail,
  mockDataPlatformApi,
  runSummary,
  workflowDetail,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderRoutes } from '../../__testUtils__/renderWithApi';
import { WorkflowRoutes } from '../DataPlatformRoutes';

function renderPage(api: DataPlatformApi, url: string) {
  return renderRoutes(api, { '/data/workflows/*': <WorkflowRoutes /> }, url);
}

const failedRun = runSummary({
  id: '0190b5c2-ffff-7bbb-8ccc-222222222222',
  state: 'FAILED',
  durationMs: 4_500,
  errorMessage: 'relation "staging.orders" does not exist',
});

describe('WorkflowPage', () => {
  it('shows the overview with its SQL and lineage', async () => {
    const api = mockDataPlatformApi();
    api.getWorkflow.mockResolvedValue(workflowDetail());
    await renderPage(api, '/data/workflows/wf-load');

    expect(
      await screen.findByRole('heading', { name: 'load_orders' }),
    ).toBeInTheDocument();
    expect(api.getWorkflow).toHaveBeenCalledWith('wf-load');

    const about = screen.getByLabelText('About the workflow');
    expect(
      within(about).getByText('BATCH · TASK · AIRFLOW'),
    ).toBeInTheDocument();
    expect(
      within(about).getByRole('link', { name: 'shop_dag' }),
    ).toHaveAttribute('href', '/data/workflows/wf-parent');
    expect(
      within(about).getByRole('link', { name: /dags\/load_orders\.py/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/example/pipelines/blob/main/dags/load_orders.py',
    );

    expect(await screen.findByText('SQL')).toBeInTheDocument();
    // Highlighting splits the query into tokens; read the code block whole.
    // The highlighter loads lazily; the ceiling only guards a slow machine.
    await waitFor(
      () =>
        expect(document.querySelector('code')?.textContent).toContain(
          'INSERT INTO public.orders SELECT * FROM staging.orders',
        ),
      { timeout: 5000 },
    );
    expect(screen.getByText('Dialect: postgres')).toBeInTheDocument();

    expect(
      within(screen.getByRole('list', { name: 'Inputs' })).getByRole('link', {
        name: 'staging.orders',
      }),
    ).toHaveAttribute('href', '/data/endpoints/ep-staging');
    expect(
      within(screen.getByRole('list', { name: 'Outputs' })).getByRole('link', {
        name: 'public.orders',
      }),
    ).toHaveAttribute('href', '/data/endpoints/ep-orders');
  });

  it('leaves the SQL card out when the runtime sent none', async () => {
    const api = mockDataPlatformApi();
    api.getWorkflow.mockResolvedValue(workflowDetail({ sql: undefined }));
    await renderPage(api, '/data/workflows/wf-load');

    await screen.findByRole('heading', { name: 'load_orders' });
    expect(screen.queryByText('SQL')).not.toBeInTheDocument();
  });

  it('lists runs with their state, duration and error, filterable by state', async () => {
    const api = mockDataPlatformApi();
    api.getWorkflow.mockResolvedValue(workflowDetail());
    api.listRuns.mockImplementation(async (_id, filters) => {
      if (filters?.state === 'FAILED') {
        return { items: [failedRun] };
      }
      return {
        items: [failedRun, runSummary()],
        nextCursor: filters?.limit === 25 ? 'older' : undefined,
      };
    });
    await renderPage(api, '/data/workflows/wf-load/runs');

    expect(
      await screen.findByRole('tab', { name: 'Runs', selected: true }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Run durations')).toBeInTheDocument();
    expect(
      await screen.findByText('relation "staging.orders" does not exist'),
    ).toBeInTheDocument();
    expect(api.listRuns).toHaveBeenCalledWith('wf-load', {
      state: undefined,
      limit: 25,
      cursor: undefined,
    });
    // The chart reads its own, longer window of runs.
    expect(api.listRuns).toHaveBeenCalledWith('wf-load', { limit: 100 });

    const table = screen
      .getByText('relation "staging.orders" does not exist')
      .closest('table')!;
    expect(within(table).getByText('Failed')).toBeInTheDocument();
    expect(within(table).getByText('Completed')).toBeInTheDocument();
    expect(within(table).getByText('4.5 s')).toBeInTheDocument();
    expect(within(table).getByText('1m 31s')).toBeInTheDocument();
    expect(
      within(table).getByRole('link', {
        name: 'Run 0190b5c2-ffff-7bbb-8ccc-222222222222',
      }),
    ).toHaveAttribute(
      'href',
      '/data/workflows/wf-load/runs/0190b5c2-ffff-7bbb-8ccc-222222222222',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(api.listRuns).toHaveBeenLastCalledWith(
        'wf-load',
        expect.objectContaining({ cursor: 'older' }),
      ),
    );

    await userEvent.selectOptions(screen.getByLabelText('State'), 'FAILED');
    await waitFor(() =>
      expect(api.listRuns).toHaveBeenLastCalledWith('wf-load', {
        state: 'FAILED',
        limit: 25,
        cursor: undefined,
      }),
    );
    await waitFor(() => {
      const filtered = screen
        .getByText('relation "staging.orders" does not exist')
        .closest('table')!;
      expect(within(filtered).queryByText('Completed')).not.toBeInTheDocument();
    });
  });

  it('says when a workflow has not run yet', async () => {
    const api = mockDataPlatformApi();
    api.getWorkflow.mockResolvedValue(workflowDetail({ latestRun: undefined }));
    api.listRuns.mockResolvedValue({ items: [] });
    await renderPage(api, '/data/workflows/wf-load/runs');

    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(
      screen.getByText('No run has finished with a duration yet.'),
    ).toBeInTheDocument();
  });
});

describe('RunPage', () => {
  it('shows a run with its error, lineage and partitions', async () => {
    const api = mockDataPlatformApi();
    const partition = endpointDetail().partitions.latest!;
    api.getRun.mockResolvedValue({
      ...failedRun,
      workflow: { id: 'wf-load', namespace: 'airflow', name: 'load_orders' },
      inputs: [],
      outputs: [
        { id: 'ep-orders', namespace: 'warehouse', name: 'public.orders' },
      ],
      partitions: [partition],
      facets: { nominalTime: { nominalStartTime: '2026-11-24T00:00:00Z' } },
    });
    await renderPage(
      api,
      '/data/workflows/wf-load/runs/0190b5c2-ffff-7bbb-8ccc-222222222222',
    );

    expect(
      await screen.findByRole('heading', { name: 'Run 0190b5c2…' }),
    ).toBeInTheDocument();
    expect(api.getRun).toHaveBeenCalledWith(
      '0190b5c2-ffff-7bbb-8ccc-222222222222',
    );
    expect(screen.getByText('The run failed')).toBeInTheDocument();
    expect(screen.getByText('No inputs recorded.')).toBeInTheDocument();

    const partitions = screen.getByRole('table', {
      name: 'Partitions produced',
    });
    expect(within(partitions).getByText('ds=2026-11-24')).toBeInTheDocument();
    expect(
      within(partitions).getByRole('link', { name: 'public.orders' }),
    ).toHaveAttribute('href', '/data/endpoints/ep-orders');
    expect(screen.getByText('1.5 KiB')).toBeInTheDocument();
  });
});
