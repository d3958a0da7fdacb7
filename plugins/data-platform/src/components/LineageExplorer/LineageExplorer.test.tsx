import {
  DataPlatformApi,
  LineageGraph,
} from '@data-platform/plugin-data-platform-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  lineageEdge,
  lineageNode,
  ordersLineage,
  revenueDownstream,
} from '../../__testUtils__/lineageFixtures';
import {
  endpointSummary,
  mockDataPlatformApi,
  workflowSummary,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderRoutes } from '../../__testUtils__/renderWithApi';
import { LineagePage } from './LineagePage';

function renderPage(
  api: DataPlatformApi,
  url = '/data/lineage?focus=ep-orders&focusKind=endpoint',
) {
  return renderRoutes(
    api,
    {
      '/data/lineage': <LineagePage />,
      '/data/endpoints/:id': <div>Endpoint page</div>,
      '/data/workflows/:id': <div>Workflow page</div>,
    },
    url,
  );
}

function node(id: string) {
  return screen.queryByTestId(`lineage-node-${id}`);
}

describe('LineageExplorer', () => {
  it('opens at depth 1 around the focus and draws each node as a card', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(api);

    expect(
      await screen.findByTestId('lineage-node-ep-orders'),
    ).toBeInTheDocument();
    expect(api.getLineage).toHaveBeenCalledWith({
      id: 'ep-orders',
      kind: 'endpoint',
      direction: 'both',
      depth: 1,
      asOf: undefined,
    });
    for (const id of ['ep-staging', 'wf-load', 'wf-report', 'ep-revenue']) {
      expect(node(id)).toBeInTheDocument();
    }
    const load = node('wf-load')!;
    expect(
      within(load).getByRole('link', { name: 'load_orders' }),
    ).toHaveAttribute('href', '/data/workflows/wf-load');
    expect(within(load).getByText('team-b')).toBeInTheDocument();
    expect(within(load).getByText('Failed')).toBeInTheDocument();
    expect(within(load).getByTitle('Workflow')).toBeInTheDocument();
    expect(node('ep-orders')).toHaveAttribute('data-focus', 'true');
  });

  it('expands a node downstream and collapses it again', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockImplementation(async query => {
      if ('id' in query && query.id === 'ep-revenue')
        return revenueDownstream();
      if ('id' in query && query.id === 'ep-dashboard') {
        return {
          focus: 'ep-dashboard',
          truncated: false,
          nodes: [
            revenueDownstream().nodes[3],
            lineageNode({
              id: 'wf-export',
              kind: 'workflow',
              name: 'export_sheet',
            }),
          ],
          edges: [lineageEdge('ep-dashboard', 'wf-export')],
        };
      }
      return ordersLineage();
    });
    await renderPage(api);
    await screen.findByTestId('lineage-node-ep-revenue');
    expect(node('wf-dash')).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Expand downstream of public.revenue (2 more)',
      }),
    );
    expect(
      await screen.findByTestId('lineage-node-wf-dash'),
    ).toBeInTheDocument();
    expect(node('wf-ml')).toBeInTheDocument();
    expect(node('ep-dashboard')).toBeInTheDocument();
    expect(api.getLineage).toHaveBeenLastCalledWith({
      id: 'ep-revenue',
      direction: 'downstream',
      depth: 1,
      asOf: undefined,
    });
    // Everything of public.revenue's downstream is shown now.
    expect(
      screen.queryByRole('button', {
        name: /Expand downstream of public.revenue/,
      }),
    ).not.toBeInTheDocument();

    // One step further, from a node the expansion added.
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Expand downstream of looker.revenue_dashboard (3 more)',
      }),
    );
    expect(
      await screen.findByTestId('lineage-node-wf-export'),
    ).toBeInTheDocument();

    // Folding public.revenue takes back what it added and what was
    // expanded beyond it; the rest of the graph stays.
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Collapse downstream of public.revenue',
      }),
    );
    await waitFor(() => expect(node('wf-dash')).not.toBeInTheDocument());
    expect(node('wf-ml')).not.toBeInTheDocument();
    expect(node('ep-dashboard')).not.toBeInTheDocument();
    expect(node('wf-export')).not.toBeInTheDocument();
    expect(node('ep-revenue')).toBeInTheDocument();
    expect(node('wf-report')).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Expand downstream of public.revenue (2 more)',
      }),
    ).toBeInTheDocument();
  });

  it("loads a wide node's neighbours page by page", async () => {
    // public.revenue's two consumers come one per page.
    const [revenue, dash, ml] = revenueDownstream().nodes;
    const pages: Record<string, LineageGraph> = {
      first: {
        focus: 'ep-revenue',
        truncated: false,
        nodes: [revenue, dash],
        edges: [lineageEdge('ep-revenue', 'wf-dash')],
        next: 'cursor-2',
      },
      'cursor-2': {
        focus: 'ep-revenue',
        truncated: false,
        nodes: [revenue, ml],
        edges: [lineageEdge('ep-revenue', 'wf-ml')],
      },
    };
    const api = mockDataPlatformApi();
    api.getLineage.mockImplementation(async query => {
      if ('id' in query && query.id === 'ep-revenue') {
        return pages[query.after ?? 'first'];
      }
      return ordersLineage();
    });
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Expand downstream of public.revenue (2 more)',
      }),
    );
    expect(
      await screen.findByTestId('lineage-node-wf-dash'),
    ).toBeInTheDocument();
    expect(node('wf-ml')).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show 1 more downstream of public.revenue',
      }),
    );
    expect(await screen.findByTestId('lineage-node-wf-ml')).toBeInTheDocument();
    expect(node('wf-dash')).toBeInTheDocument();
    expect(api.getLineage).toHaveBeenLastCalledWith({
      id: 'ep-revenue',
      direction: 'downstream',
      depth: 1,
      asOf: undefined,
      after: 'cursor-2',
    });
    // The last page carries no cursor: nothing more to load.
    expect(
      screen.queryByRole('button', {
        name: /more downstream of public.revenue/,
      }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Collapse downstream of public.revenue',
      }),
    ).toBeInTheDocument();
  });

  it("pages the focus's own neighbours when opened at depth 1 one way", async () => {
    const [revenue, dash, ml] = revenueDownstream().nodes;
    const api = mockDataPlatformApi();
    api.getLineage.mockImplementation(async query =>
      'after' in query && query.after === 'cursor-2'
        ? {
            focus: 'ep-revenue',
            truncated: false,
            nodes: [revenue, ml],
            edges: [lineageEdge('ep-revenue', 'wf-ml')],
          }
        : {
            focus: 'ep-revenue',
            truncated: false,
            nodes: [revenue, dash],
            edges: [lineageEdge('ep-revenue', 'wf-dash')],
            next: 'cursor-2',
          },
    );
    await renderPage(
      api,
      '/data/lineage?focus=ep-revenue&focusKind=endpoint&direction=downstream&depth=1',
    );
    await screen.findByTestId('lineage-node-wf-dash');
    expect(node('wf-ml')).not.toBeInTheDocument();
    // The "more" button stands in for the expand button on that side.
    expect(
      screen.queryByRole('button', {
        name: /Expand downstream of public.revenue/,
      }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show 1 more downstream of public.revenue',
      }),
    );
    expect(await screen.findByTestId('lineage-node-wf-ml')).toBeInTheDocument();
    expect(node('wf-dash')).toBeInTheDocument();
    expect(api.getLineage).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: 'ep-revenue', after: 'cursor-2' }),
    );
  });

  it('keeps a node another answer still connects when collapsing', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockImplementation(async query => {
      if ('id' in query && query.id === 'ep-staging') {
        // staging.orders' upstream brings back load_orders' sibling input,
        // already in the graph through the focus's own answer.
        return {
          focus: 'ep-staging',
          truncated: false,
          nodes: [
            ordersLineage().nodes[0],
            lineageNode({
              id: 'wf-extract',
              kind: 'workflow',
              name: 'extract_orders',
            }),
          ],
          edges: [lineageEdge('wf-extract', 'ep-staging')],
        };
      }
      return ordersLineage();
    });
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Expand upstream of staging.orders (1 more)',
      }),
    );
    expect(
      await screen.findByTestId('lineage-node-wf-extract'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Collapse upstream of staging.orders',
      }),
    );
    await waitFor(() => expect(node('wf-extract')).not.toBeInTheDocument());
    expect(node('ep-staging')).toBeInTheDocument();
  });

  it('filters by kind, bridging the hidden workflows', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(
      api,
      '/data/lineage?focus=ep-orders&focusKind=endpoint&kind=endpoint',
    );

    expect(
      await screen.findByTestId('lineage-node-ep-orders'),
    ).toBeInTheDocument();
    expect(node('ep-staging')).toBeInTheDocument();
    expect(node('ep-revenue')).toBeInTheDocument();
    expect(node('wf-load')).not.toBeInTheDocument();
    expect(node('wf-report')).not.toBeInTheDocument();
    expect(
      screen.getByText(/The filters hide 2 of 5 nodes/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(
      await screen.findByTestId('lineage-node-wf-load'),
    ).toBeInTheDocument();
  });

  it('filters by owner and namespace', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(api);
    await screen.findByTestId('lineage-node-ep-orders');

    await userEvent.click(screen.getByRole('combobox', { name: 'Owner' }));
    await userEvent.click(screen.getByRole('option', { name: 'team-b' }));
    await waitFor(() => expect(node('wf-report')).not.toBeInTheDocument());
    expect(node('wf-load')).toBeInTheDocument();
    // The focus always stays.
    expect(node('ep-orders')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Owner' }));
    await userEvent.click(screen.getByRole('option', { name: 'All owners' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Namespace' }));
    await userEvent.click(screen.getByRole('option', { name: 'bigquery' }));
    await waitFor(() => expect(node('wf-load')).not.toBeInTheDocument());
    expect(node('ep-revenue')).toBeInTheDocument();
  });

  it('highlights the path between two chosen nodes', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(api);
    await screen.findByTestId('lineage-node-ep-orders');

    await userEvent.click(screen.getByRole('combobox', { name: 'Path from' }));
    await userEvent.click(
      screen.getByRole('option', { name: 'public.revenue' }),
    );
    await userEvent.click(screen.getByRole('combobox', { name: 'Path to' }));
    await userEvent.click(screen.getByRole('option', { name: 'load_orders' }));

    await waitFor(() =>
      expect(node('wf-load')).toHaveAttribute('data-on-path', 'true'),
    );
    for (const id of ['ep-orders', 'wf-report', 'ep-revenue']) {
      expect(node(id)).toHaveAttribute('data-on-path', 'true');
    }
    expect(node('ep-staging')).not.toHaveAttribute('data-on-path');
  });

  it('tells when the two nodes are not on one path', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(
      ordersLineage({
        nodes: [
          ...ordersLineage().nodes,
          lineageNode({
            id: 'wf-audit',
            kind: 'workflow',
            name: 'audit_orders',
          }),
        ],
        edges: [...ordersLineage().edges, lineageEdge('ep-orders', 'wf-audit')],
      }),
    );
    await renderPage(
      api,
      '/data/lineage?focus=ep-orders&focusKind=endpoint&pathFrom=wf-audit&pathTo=ep-revenue',
    );
    expect(
      await screen.findByText(
        'No path between those two nodes in the graph as loaded.',
      ),
    ).toBeInTheDocument();
  });

  it('asks the service again for a new depth and direction', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(api);
    await screen.findByTestId('lineage-node-ep-orders');

    await userEvent.click(screen.getByRole('button', { name: 'Upstream' }));
    await waitFor(() =>
      expect(api.getLineage).toHaveBeenLastCalledWith(
        expect.objectContaining({ direction: 'upstream', depth: 1 }),
      ),
    );
    await userEvent.click(screen.getByRole('combobox', { name: 'Depth' }));
    await userEvent.click(screen.getByRole('option', { name: '3' }));
    await waitFor(() =>
      expect(api.getLineage).toHaveBeenLastCalledWith(
        expect.objectContaining({ direction: 'upstream', depth: 3 }),
      ),
    );
  });

  it('asks for the lineage as of a time', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(
      api,
      '/data/lineage?focus=ep-orders&focusKind=endpoint&asOf=2026-11-01T12:00:00.000Z',
    );
    await screen.findByTestId('lineage-node-ep-orders');
    expect(api.getLineage).toHaveBeenCalledWith(
      expect.objectContaining({ asOf: '2026-11-01T12:00:00.000Z' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Back to now' }));
    await waitFor(() =>
      expect(api.getLineage).toHaveBeenLastCalledWith(
        expect.objectContaining({ asOf: undefined }),
      ),
    );
  });

  it("opens a clicked node's details beside the graph, and its page from there", async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(api);
    // React Flow's pane listens to pointer-downs jsdom cannot feed it; a
    // plain click is what the card reacts to.
    fireEvent.click(
      within(await screen.findByTestId('lineage-node-wf-report')).getByText(
        'dbt',
      ),
    );
    const panel = await screen.findByRole('dialog', { name: 'daily_revenue' });
    expect(within(panel).getByText('Workflow')).toBeInTheDocument();
    expect(within(panel).getByText('dbt')).toBeInTheDocument();
    expect(node('wf-report')).toHaveClass('dp-node--selected');
    expect(screen.queryByText('Workflow page')).not.toBeInTheDocument();

    await userEvent.click(
      within(panel).getByRole('link', { name: 'Open workflow page' }),
    );
    expect(await screen.findByText('Workflow page')).toBeInTheDocument();
  });

  it('opens details with Enter on a focused node and closes them with Escape', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(api);
    const card = await screen.findByTestId('lineage-node-wf-load');
    card.focus();
    await userEvent.keyboard('{Enter}');
    const panel = await screen.findByRole('dialog', { name: 'load_orders' });
    expect(within(panel).getByText('Failed')).toBeInTheDocument();

    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(card).toHaveFocus();

    // The name is still the link to the page.
    expect(
      within(card).getByRole('link', { name: 'load_orders' }),
    ).toHaveAttribute('href', '/data/workflows/wf-load');
  });

  it('says so when the focus has no lineage', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue({
      focus: 'ep-orders',
      truncated: false,
      nodes: [ordersLineage().nodes[2]],
      edges: [],
    });
    await renderPage(api);
    expect(
      await screen.findByText(
        /No lineage: no workflow reads or writes this endpoint/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a failed request with a way to try again', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockRejectedValueOnce(new Error('connection refused'));
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(api);
    expect(await screen.findByText('connection refused')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByTestId('lineage-node-ep-orders'),
    ).toBeInTheDocument();
  });

  it('notes a truncated graph', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage({ truncated: true }));
    await renderPage(api);
    expect(
      await screen.findByText(
        /The graph is larger than the service returns at once/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the column-level lineage of an endpoint', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    api.getColumnLineage.mockResolvedValue({
      focus: 'ep-orders',
      truncated: false,
      nodes: [
        {
          id: 'ep-staging#id',
          endpointId: 'ep-staging',
          namespace: 'postgres://warehouse:5432',
          name: 'staging.orders',
          field: 'id',
          distance: 1,
        },
        {
          id: 'ep-staging#status',
          endpointId: 'ep-staging',
          namespace: 'postgres://warehouse:5432',
          name: 'staging.orders',
          field: 'status',
          distance: 1,
        },
        {
          id: 'ep-orders#order_id',
          endpointId: 'ep-orders',
          namespace: 'postgres://warehouse:5432',
          name: 'public.orders',
          field: 'order_id',
          distance: 0,
        },
      ],
      edges: [
        {
          from: 'ep-staging#id',
          to: 'ep-orders#order_id',
          transformations: [
            { type: 'DIRECT', subtype: 'IDENTITY' },
            { type: 'INDIRECT', subtype: 'FILTER' },
          ],
        },
        {
          from: 'ep-staging#status',
          to: 'ep-orders#order_id',
          transformations: [{ type: 'INDIRECT', subtype: 'FILTER' }],
        },
      ],
    });
    await renderPage(
      api,
      '/data/lineage?focus=ep-orders&focusKind=endpoint&mode=columns',
    );

    const region = await screen.findByRole('region', {
      name: 'Column lineage',
    });
    expect(api.getColumnLineage).toHaveBeenCalledWith({
      id: 'ep-orders',
      direction: 'both',
      depth: 1,
    });
    expect(within(region).getByText('order_id')).toBeInTheDocument();
    expect(within(region).getByText('status')).toBeInTheDocument();
    expect(
      within(region).getByRole('link', { name: 'staging.orders' }),
    ).toHaveAttribute('href', '/data/endpoints/ep-staging');
    // jsdom measures no handles, so React Flow draws no edges here; the
    // edges' labels and styles are covered by columnGraph.test.ts.
    expect(screen.getByText(/Solid edges: DIRECT/)).toBeInTheDocument();
  });

  it('lists the impact with owners and downloads it as CSV', async () => {
    const api = mockDataPlatformApi();
    api.getLineage.mockResolvedValue(ordersLineage());
    api.getImpact.mockResolvedValue({
      focus: 'ep-orders',
      truncated: false,
      items: [
        {
          id: 'wf-report',
          kind: 'workflow',
          namespace: 'dbt',
          name: 'daily_revenue',
          owner: 'group:default/team-a',
          distance: 1,
        },
        {
          id: 'ep-revenue',
          kind: 'endpoint',
          namespace: 'bigquery',
          name: 'public.revenue',
          owner: 'team:finance',
          distance: 1,
        },
      ],
      owners: [
        { owner: 'group:default/team-a', count: 1 },
        { owner: 'team:finance', count: 1 },
      ],
    });
    api.getImpactCsv.mockResolvedValue('id,kind\nwf-report,workflow\n');
    const createObjectURL = jest.fn(() => 'blob:impact');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    await renderPage(api);
    await screen.findByTestId('lineage-node-ep-orders');
    await userEvent.click(screen.getByRole('button', { name: 'Impact' }));

    const table = await screen.findByRole('table', {
      name: 'Impacted endpoints and workflows',
    });
    expect(api.getImpact).toHaveBeenCalledWith({
      id: 'ep-orders',
      kind: 'endpoint',
      asOf: undefined,
    });
    expect(
      within(table).getByRole('link', { name: 'daily_revenue' }),
    ).toHaveAttribute('href', '/data/workflows/wf-report');
    expect(within(table).getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    const owners = screen.getByLabelText('Impacted owners');
    expect(within(owners).getByText(/finance/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.getImpactCsv).toHaveBeenCalledWith({
      id: 'ep-orders',
      kind: 'endpoint',
      asOf: undefined,
    });
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(await blob.text()).toBe('id,kind\nwf-report,workflow\n');
    const anchor = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(anchor.download).toBe('impact-public.orders.csv');
    click.mockRestore();
  });

  it('asks for a focus when there is none, and searches for it', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [endpointSummary()] });
    api.listWorkflows.mockResolvedValue({ items: [workflowSummary()] });
    api.getLineage.mockResolvedValue(ordersLineage());
    await renderPage(api, '/data/lineage');

    await userEvent.type(
      screen.getByRole('combobox', {
        name: 'Focus on an endpoint or workflow',
      }),
      'orders',
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /public.orders/ }),
    );
    expect(
      await screen.findByTestId('lineage-node-ep-orders'),
    ).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenCalledWith({ q: 'orders', limit: 10 });
    expect(api.getLineage).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'ep-orders', kind: 'endpoint' }),
    );
  });
});
