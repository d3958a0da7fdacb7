import { renderTestApp } from '@backstage/frontend-test-utils';
import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';
import { screen } from '@testing-library/react';
import { dataPlatformApiRef } from './api';
import dataPlatformPlugin from './alpha';

describe('data platform plugin on the new frontend system', () => {
  it('renders its page at /data inside an app', async () => {
    const api: DataPlatformApi = {
      getOverview: async () => ({
        databaseClient: 'better-sqlite3',
        ingestion: { acceptedEvents: 0, rejectedEvents: 0 },
      }),
      getHealth: async () => ({
        status: 'ok',
        checks: [{ name: 'database', status: 'ok' }],
      }),
    };

    renderTestApp({
      features: [dataPlatformPlugin],
      apis: [[dataPlatformApiRef, api]],
      initialRouteEntries: ['/data'],
    });

    expect(await screen.findByText('Metadata service')).toBeInTheDocument();
    expect(screen.getByText('No metadata yet')).toBeInTheDocument();
  });
});
