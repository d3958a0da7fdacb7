import {
  DataPlatformApi,
  DataPlatformOverview,
  HealthStatus,
} from '@data-platform/plugin-data-platform-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockDataPlatformApi } from '../../__testUtils__/mockDataPlatformApi';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { OverviewContent } from './OverviewContent';

const healthy: HealthStatus = {
  status: 'ok',
  checks: [{ name: 'database', status: 'ok', message: 'pg' }],
};

function apiWith(
  overview: DataPlatformOverview | Error,
  health: HealthStatus = healthy,
): jest.Mocked<DataPlatformApi> {
  const api = mockDataPlatformApi();
  api.getOverview.mockImplementation(async () => {
    if (overview instanceof Error) throw overview;
    return overview;
  });
  api.getHealth.mockResolvedValue(health);
  api.listFailedDerivations.mockResolvedValue({ items: [] });
  return api;
}

const noCounts = { endpoints: 0, workflows: 0, runs: 0 };
const derivation = {
  mode: 'background' as const,
  backlog: 0,
  replaying: 0,
  failed: 0,
};

function renderWith(api: DataPlatformApi) {
  return renderWithApi(api, <OverviewContent />);
}

describe('OverviewContent', () => {
  it('shows the ingestion counters and the service health', async () => {
    await renderWith(
      apiWith({
        databaseClient: 'pg',
        ingestion: {
          acceptedEvents: 12345,
          rejectedEvents: 7,
          lastEventAt: '2026-11-25T11:30:00.000Z',
          derivation: {
            mode: 'background',
            backlog: 42,
            replaying: 10,
            failed: 3,
          },
        },
        counts: { endpoints: 1500, workflows: 12, runs: 3456 },
      }),
    );

    expect(await screen.findByText('Ingestion')).toBeInTheDocument();
    expect(screen.getByText((12345).toLocaleString())).toBeInTheDocument();
    expect(screen.getByText('7')).toBeInTheDocument();
    expect(screen.getByText('42')).toBeInTheDocument();
    expect(screen.getByText(/3 could not be applied/)).toBeInTheDocument();
    expect(screen.getByText('Set-aside events')).toBeInTheDocument();
    expect(
      screen.getByText(/10 of them queued by a replay/),
    ).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText('Store: pg')).toBeInTheDocument();
    expect(screen.queryByText('No metadata yet')).not.toBeInTheDocument();
  });

  it('counts what the service derived, with links to the explorers', async () => {
    await renderWith(
      apiWith({
        databaseClient: 'pg',
        ingestion: { acceptedEvents: 10, rejectedEvents: 0, derivation },
        counts: { endpoints: 1500, workflows: 12, runs: 3456 },
      }),
    );

    expect(await screen.findByText('Metadata')).toBeInTheDocument();
    expect(screen.getByText((1500).toLocaleString())).toBeInTheDocument();
    expect(screen.getByText('12')).toBeInTheDocument();
    expect(screen.getByText((3456).toLocaleString())).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Browse endpoints' }),
    ).toHaveAttribute('href', '/data/endpoints');
    expect(
      screen.getByRole('link', { name: 'Browse workflows' }),
    ).toHaveAttribute('href', '/data/workflows');
  });

  it('points from the ingestion counters to the set-aside events', async () => {
    await renderWith(
      apiWith({
        databaseClient: 'pg',
        ingestion: {
          acceptedEvents: 10,
          rejectedEvents: 0,
          derivation: { ...derivation, failed: 1 },
        },
        counts: noCounts,
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'listed below with their errors',
      }),
    );
    expect(document.activeElement).toHaveTextContent(/^Set-aside events/);
  });

  it('lists no set-aside events when none are', async () => {
    const api = apiWith({
      databaseClient: 'pg',
      ingestion: { acceptedEvents: 10, rejectedEvents: 0, derivation },
      counts: noCounts,
    });
    await renderWith(api);

    expect(await screen.findByText('Ingestion')).toBeInTheDocument();
    expect(screen.queryByText('Set-aside events')).not.toBeInTheDocument();
    expect(screen.queryByText(/could not be applied/)).not.toBeInTheDocument();
    expect(api.listFailedDerivations).not.toHaveBeenCalled();
  });

  it('explains the empty state before any event arrived', async () => {
    await renderWith(
      apiWith({
        databaseClient: 'better-sqlite3',
        ingestion: { acceptedEvents: 0, rejectedEvents: 0, derivation },
        counts: noCounts,
      }),
    );

    expect(await screen.findByText('No metadata yet')).toBeInTheDocument();
    expect(screen.getByText('Never')).toBeInTheDocument();
  });

  it('shows failing health checks', async () => {
    await renderWith(
      apiWith(
        {
          databaseClient: 'pg',
          ingestion: { acceptedEvents: 1, rejectedEvents: 0, derivation },
          counts: noCounts,
        },
        {
          status: 'degraded',
          checks: [
            { name: 'database', status: 'ok' },
            { name: 'warehouse', status: 'failing', message: 'timeout' },
          ],
        },
      ),
    );

    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    expect(screen.getByText('warehouse')).toBeInTheDocument();
    expect(screen.getByText('timeout')).toBeInTheDocument();
  });

  it('shows the error and retries on request', async () => {
    const api = apiWith(new Error('connection refused'));
    await renderWith(api);

    expect(
      await screen.findByText(/The metadata service did not answer/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/connection refused/).length).toBeGreaterThan(0);

    api.getOverview.mockResolvedValue({
      databaseClient: 'pg',
      ingestion: { acceptedEvents: 0, rejectedEvents: 0, derivation },
      counts: noCounts,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No metadata yet')).toBeInTheDocument();
  });
});
