import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  endpointSummary,
  mockDataPlatformApi,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderRoutes } from '../../__testUtils__/renderWithApi';
import { EndpointRoutes } from '../DataPlatformRoutes';

function renderExplorer(api: DataPlatformApi, url = '/data/endpoints') {
  return renderRoutes(api, { '/data/endpoints/*': <EndpointRoutes /> }, url);
}

describe('EndpointExplorer', () => {
  it('lists endpoints with links to their pages', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({
      items: [
        endpointSummary(),
        endpointSummary({
          id: 'ep-users',
          name: 'public.users',
          description: undefined,
          owner: undefined,
          tags: [],
          lastPartition: undefined,
          fieldCount: 1234,
        }),
      ],
    });
    await renderExplorer(api);

    const link = await screen.findByRole('link', { name: 'public.orders' });
    expect(link).toHaveAttribute('href', '/data/endpoints/ep-orders');
    expect(
      screen.getByText('One row per order placed in the shop.'),
    ).toBeInTheDocument();
    expect(screen.getByText('team-a')).toHaveAttribute(
      'title',
      'group:default/team-a',
    );
    expect(screen.getByText('ds=2026-11-24')).toBeInTheDocument();
    expect(screen.getByText('pii')).toBeInTheDocument();
    expect(screen.getByText((1234).toLocaleString())).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'public.users' })).toHaveAttribute(
      'href',
      '/data/endpoints/ep-users',
    );
    expect(api.listEndpoints).toHaveBeenCalledWith({
      q: '',
      namespace: '',
      owner: '',
      tag: '',
      limit: 25,
      cursor: undefined,
    });
    // One page only: no pagination controls.
    expect(
      screen.queryByRole('navigation', { name: 'Endpoint pages' }),
    ).not.toBeInTheDocument();
  });

  it('encodes ids in links', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({
      items: [endpointSummary({ id: 'a/b', name: 'odd' })],
    });
    await renderExplorer(api);
    expect(await screen.findByRole('link', { name: 'odd' })).toHaveAttribute(
      'href',
      '/data/endpoints/a%2Fb',
    );
  });

  it('applies the filters in the URL', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [endpointSummary()] });
    await renderExplorer(
      api,
      '/data/endpoints?namespace=warehouse&owner=group%3Adefault%2Fteam-a',
    );

    await screen.findByRole('link', { name: 'public.orders' });
    expect(api.listEndpoints).toHaveBeenLastCalledWith(
      expect.objectContaining({
        namespace: 'warehouse',
        owner: 'group:default/team-a',
      }),
    );
    expect(screen.getByLabelText('Namespace')).toHaveValue('warehouse');
  });

  it('searches, and filters by a clicked tag', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [endpointSummary()] });
    await renderExplorer(api);
    await screen.findByRole('link', { name: 'public.orders' });

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search endpoints' }),
      'order_id',
    );
    // The search applies once typing pauses (DebouncedTextField's own test
    // pins the delay down); the ceiling here only guards a slow machine.
    await waitFor(
      () =>
        expect(api.listEndpoints).toHaveBeenLastCalledWith(
          expect.objectContaining({ q: 'order_id', cursor: undefined }),
        ),
      { timeout: 5000 },
    );
    expect(
      screen.getByRole('searchbox', { name: 'Search endpoints' }),
    ).toHaveValue('order_id');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Filter by tag gold' }),
    );
    await waitFor(() =>
      expect(api.listEndpoints).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'order_id', tag: 'gold' }),
      ),
    );
    expect(screen.getByLabelText('Tag')).toHaveValue('gold');
  });

  it('pages forward with the cursor and back with the one before', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockImplementation(async filters => {
      if (filters?.cursor === 'page-2') {
        return {
          items: [endpointSummary({ id: 'ep-2', name: 'second.page' })],
        };
      }
      return { items: [endpointSummary()], nextCursor: 'page-2' };
    });
    await renderExplorer(api);

    const pages = await screen.findByRole('navigation', {
      name: 'Endpoint pages',
    });
    expect(within(pages).getByText('Page 1')).toBeInTheDocument();
    expect(
      within(pages).getByRole('button', { name: 'Previous' }),
    ).toBeDisabled();

    await userEvent.click(within(pages).getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('link', { name: 'second.page' }),
    ).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'page-2' }),
    );
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(
      await screen.findByRole('link', { name: 'public.orders' }),
    ).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: undefined }),
    );
  });

  it('says when there are no endpoints yet', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [] });
    await renderExplorer(api);

    expect(await screen.findByText('No endpoints yet')).toBeInTheDocument();
    expect(screen.queryByText('No endpoints match')).not.toBeInTheDocument();
  });

  it('says when nothing matches, and clears the filters', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockImplementation(async filters =>
      filters?.tag ? { items: [] } : { items: [endpointSummary()] },
    );
    await renderExplorer(api, '/data/endpoints?tag=nope');

    expect(await screen.findByText('No endpoints match')).toBeInTheDocument();
    const [clear] = screen.getAllByRole('button', { name: 'Clear filters' });
    await userEvent.click(clear);
    expect(
      await screen.findByRole('link', { name: 'public.orders' }),
    ).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenLastCalledWith(
      expect.objectContaining({ tag: '' }),
    );
  });

  it('shows the error and retries on request', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockRejectedValueOnce(new Error('connection refused'));
    api.listEndpoints.mockResolvedValue({ items: [endpointSummary()] });
    await renderExplorer(api);

    expect(
      await screen.findByText(/The metadata service did not answer/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('link', { name: 'public.orders' }),
    ).toBeInTheDocument();
  });

  it('shows where the page is in the total, and keeps the page in the URL', async () => {
    const api = mockDataPlatformApi();
    const first = Array.from({ length: 25 }, (_, i) =>
      endpointSummary({ id: `ep-${i}`, name: `table_${i}` }),
    );
    api.listEndpoints.mockImplementation(async filters =>
      filters?.cursor === 'c2'
        ? {
            items: [endpointSummary({ id: 'ep-last', name: 'last' })],
            total: 26,
          }
        : { items: first, nextCursor: 'c2', total: 26 },
    );
    await renderExplorer(api, '/data/endpoints?tag=gold');
    const pages = await screen.findByRole('navigation', {
      name: 'Endpoint pages',
    });
    expect(await within(pages).findByText('1–25 of 26')).toBeInTheDocument();

    await userEvent.click(within(pages).getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('link', { name: 'last' }),
    ).toBeInTheDocument();
    expect(screen.getByText('26–26 of 26')).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenLastCalledWith(
      expect.objectContaining({ tag: 'gold', cursor: 'c2' }),
    );
  });

  it('opens the page the URL names', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({
      items: [endpointSummary({ id: 'ep-last', name: 'last' })],
      total: 10_000,
      totalIsEstimate: true,
    });
    await renderExplorer(api, '/data/endpoints?pages=c2.c3');
    expect(
      await screen.findByRole('link', { name: 'last' }),
    ).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenCalledWith(
      expect.objectContaining({ cursor: 'c3' }),
    );
    expect(screen.getByText('51–51 of 10,000+')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeEnabled();
  });
});
