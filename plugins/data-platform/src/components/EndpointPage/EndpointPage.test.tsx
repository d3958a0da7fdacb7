import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  endpointDetail,
  mockDataPlatformApi,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderRoutes } from '../../__testUtils__/renderWithApi';
import { EndpointRoutes } from '../DataPlatformRoutes';

function renderPage(api: DataPlatformApi, url = '/data/endpoints/ep-orders') {
  return renderRoutes(api, { '/data/endpoints/*': <EndpointRoutes /> }, url);
}

function apiWithEndpoint() {
  const api = mockDataPlatformApi();
  api.getEndpoint.mockResolvedValue(endpointDetail());
  api.listSchemaVersions.mockResolvedValue({
    items: [
      { version: 1, fieldCount: 3, createdAt: '2026-10-01T00:00:00.000Z' },
      {
        version: 3,
        fieldCount: 7,
        createdAt: '2026-11-20T08:00:00.000Z',
        runId: '0190b5c2-aaaa-7bbb-8ccc-111111111111',
      },
      { version: 2, fieldCount: 6, createdAt: '2026-11-01T00:00:00.000Z' },
    ],
  });
  api.getSchemaDiff.mockImplementation(async (_id, { from, to }) => ({
    from,
    to,
    breaking: true,
    changes: [
      {
        path: 'customer.address.city',
        change: 'added',
        toType: 'VARCHAR',
        breaking: false,
      },
      {
        path: 'amount',
        change: 'type-changed',
        fromType: 'INTEGER',
        toType: 'DECIMAL(10,2)',
        breaking: true,
      },
    ],
  }));
  return api;
}

describe('EndpointPage', () => {
  it('shows what the endpoint is and who touches it', async () => {
    const api = apiWithEndpoint();
    await renderPage(api);

    expect(
      await screen.findByRole('heading', { name: 'public.orders' }),
    ).toBeInTheDocument();
    expect(api.getEndpoint).toHaveBeenCalledWith('ep-orders');

    const about = screen.getByLabelText('About the endpoint');
    expect(
      within(about).getByText('One row per order placed in the shop.'),
    ).toBeInTheDocument();
    expect(within(about).getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    expect(within(about).getByText('iceberg · parquet')).toBeInTheDocument();
    expect(within(about).getByText('bigquery/shop.orders')).toBeInTheDocument();
    expect(within(about).getByText('ds=2026-11-24')).toBeInTheDocument();
    expect(within(about).getByText('pii')).toBeInTheDocument();
    expect(
      within(about).getByRole('link', {
        name: 'Run 0190b5c2-aaaa-7bbb-8ccc-111111111111',
      }),
    ).toHaveAttribute(
      'href',
      '/data/workflows/wf-load/runs/0190b5c2-aaaa-7bbb-8ccc-111111111111',
    );

    expect(
      within(screen.getByRole('list', { name: 'Producers' })).getByRole(
        'link',
        { name: 'load_orders' },
      ),
    ).toHaveAttribute('href', '/data/workflows/wf-load');
    expect(
      within(screen.getByRole('list', { name: 'Consumers' })).getByRole(
        'link',
        { name: 'daily_revenue' },
      ),
    ).toHaveAttribute('href', '/data/workflows/wf-report');

    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('shows nested fields and what changed between schema versions', async () => {
    const api = apiWithEndpoint();
    await renderPage(api, '/data/endpoints/ep-orders/schema');

    const fields = await screen.findByRole('table', { name: 'Schema fields' });
    expect(within(fields).getByText('order_id')).toBeInTheDocument();
    expect(within(fields).getByText('DECIMAL(10,2)')).toBeInTheDocument();
    // Nested fields are folded away until their struct is opened.
    expect(within(fields).queryByText('email')).not.toBeInTheDocument();

    const expand = within(fields).getByRole('button', {
      name: 'Expand customer',
    });
    expect(expand).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(expand);
    expect(within(fields).getByText('email')).toBeInTheDocument();
    expect(within(fields).queryByText('city')).not.toBeInTheDocument();
    await userEvent.click(
      within(fields).getByRole('button', { name: 'Expand customer.address' }),
    );
    expect(within(fields).getByText('city')).toBeInTheDocument();
    await userEvent.click(
      within(fields).getByRole('button', { name: 'Collapse customer' }),
    );
    expect(within(fields).queryByText('email')).not.toBeInTheDocument();

    const versions = await screen.findByRole('table', {
      name: 'Schema versions',
    });
    const versionRows = within(versions).getAllByRole('row').slice(1);
    expect(
      versionRows.map(row => within(row).getAllByRole('cell')[0].textContent),
    ).toEqual(['v3', 'v2', 'v1']);

    // Previous → current by default.
    const changes = await screen.findByRole('table', {
      name: 'Schema changes',
    });
    expect(api.getSchemaDiff).toHaveBeenCalledWith('ep-orders', {
      from: 2,
      to: 3,
    });
    const amountRow = within(changes).getByText('amount').closest('tr')!;
    expect(within(amountRow).getByText('Type changed')).toBeInTheDocument();
    expect(within(amountRow).getByText('INTEGER')).toBeInTheDocument();
    expect(within(amountRow).getByText('Breaking')).toBeInTheDocument();
    const cityRow = within(changes)
      .getByText('customer.address.city')
      .closest('tr')!;
    expect(within(cityRow).getByText('Added')).toBeInTheDocument();
    expect(within(cityRow).queryByText('Breaking')).not.toBeInTheDocument();
    expect(
      screen.getByText(/2 changes from v2 to v3, 1 breaking/),
    ).toBeInTheDocument();

    const fromVersion = screen.getByLabelText('From version');
    await userEvent.selectOptions(
      fromVersion,
      within(fromVersion).getByRole('option', { name: /^v1/ }),
    );
    await waitFor(() =>
      expect(api.getSchemaDiff).toHaveBeenLastCalledWith('ep-orders', {
        from: 1,
        to: 3,
      }),
    );
  });

  it('lists partitions with their runs, filtered by date', async () => {
    const api = apiWithEndpoint();
    const latest = endpointDetail().partitions.latest!;
    api.listPartitions.mockResolvedValue({
      items: [{ ...latest, rowCount: 1200, bytes: 15.2 * 1024 ** 2 }],
      nextCursor: 'more',
    });
    await renderPage(api, '/data/endpoints/ep-orders/partitions');

    expect(await screen.findByText('ds=2026-11-24')).toBeInTheDocument();
    expect(screen.getByText((1200).toLocaleString())).toBeInTheDocument();
    expect(screen.getByText('15.2 MiB')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'Run 0190b5c2-aaaa-7bbb-8ccc-111111111111',
      }),
    ).toHaveAttribute(
      'href',
      '/data/workflows/wf-load/runs/0190b5c2-aaaa-7bbb-8ccc-111111111111',
    );
    expect(screen.getByRole('link', { name: 'load_orders' })).toHaveAttribute(
      'href',
      '/data/workflows/wf-load',
    );
    expect(api.listPartitions).toHaveBeenCalledWith('ep-orders', {
      from: undefined,
      to: undefined,
      limit: 25,
      cursor: undefined,
    });

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(api.listPartitions).toHaveBeenLastCalledWith(
        'ep-orders',
        expect.objectContaining({ cursor: 'more' }),
      ),
    );

    await userEvent.type(screen.getByLabelText('From'), '2026-11-01');
    await waitFor(() =>
      expect(api.listPartitions).toHaveBeenLastCalledWith('ep-orders', {
        from: new Date(2026, 10, 1).toISOString(),
        to: undefined,
        limit: 25,
        // A new range starts again from the first page.
        cursor: undefined,
      }),
    );
  });

  it('says how the owner was resolved: declared by a team, or unowned', async () => {
    const api = apiWithEndpoint();
    api.getEndpoint.mockResolvedValue(
      endpointDetail({
        owner: 'group:default/orders',
        observedOwner: 'team:someone-else',
        ownerRule: 'declared',
        declaration: { entityRef: 'api:default/orders', problems: [] },
      }),
    );
    await renderPage(api);
    expect(
      await screen.findByText('(declared in api:default/orders)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'orders' })).toHaveAttribute(
      'href',
      '/catalog/default/group/orders',
    );
  });

  it('shows an unowned endpoint with what events name', async () => {
    const api = apiWithEndpoint();
    api.getEndpoint.mockResolvedValue(
      endpointDetail({
        owner: undefined,
        observedOwner: '***',
        ownerRule: 'unowned',
        unownedReason: 'masked',
      }),
    );
    await renderPage(api);
    expect(await screen.findByText('Unowned')).toBeInTheDocument();
    expect(
      screen.getByText('(events name ***, which resolves to no one)'),
    ).toBeInTheDocument();
  });

  it('says when the endpoint does not exist', async () => {
    const api = mockDataPlatformApi();
    api.getEndpoint.mockRejectedValue(
      Object.assign(new Error('no endpoint ep-gone'), {
        name: 'NotFoundError',
      }),
    );
    await renderPage(api, '/data/endpoints/ep-gone');

    expect(await screen.findByText('No such endpoint')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All endpoints' })).toHaveAttribute(
      'href',
      '/data/endpoints',
    );
  });

  it('shows other errors with a retry', async () => {
    const api = apiWithEndpoint();
    api.getEndpoint.mockRejectedValueOnce(new Error('timeout'));
    await renderPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Try again' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'public.orders' }),
    ).toBeInTheDocument();
  });
});
