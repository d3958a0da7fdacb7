import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  DataPlatformApi,
  DataPlatformOverview,
  HealthStatus,
} from '@data-platform/plugin-data-platform-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dataPlatformApiRef } from '../../api';
import { OverviewContent } from './OverviewContent';

const healthy: HealthStatus = {
  status: 'ok',
  checks: [{ name: 'database', status: 'ok', message: 'pg' }],
};

function apiWith(
  overview: DataPlatformOverview | Error,
  health: HealthStatus = healthy,
): jest.Mocked<DataPlatformApi> {
  return {
    getOverview: jest.fn(async () => {
      if (overview instanceof Error) throw overview;
      return overview;
    }),
    getHealth: jest.fn(async () => health),
  };
}

function renderWith(api: DataPlatformApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[dataPlatformApiRef, api]]}>
      <OverviewContent />
    </TestApiProvider>,
  );
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
        },
      }),
    );

    expect(await screen.findByText('Ingestion')).toBeInTheDocument();
    expect(screen.getByText((12345).toLocaleString())).toBeInTheDocument();
    expect(screen.getByText('7')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText('Store: pg')).toBeInTheDocument();
    expect(screen.queryByText('No metadata yet')).not.toBeInTheDocument();
  });

  it('explains the empty state before any event arrived', async () => {
    await renderWith(
      apiWith({
        databaseClient: 'better-sqlite3',
        ingestion: { acceptedEvents: 0, rejectedEvents: 0 },
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
          ingestion: { acceptedEvents: 1, rejectedEvents: 0 },
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
      ingestion: { acceptedEvents: 0, rejectedEvents: 0 },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No metadata yet')).toBeInTheDocument();
  });
});
