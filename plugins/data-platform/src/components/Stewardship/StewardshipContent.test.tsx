import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  endpointSummary,
  mockDataPlatformApi,
  workflowSummary,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { StewardshipContent } from './StewardshipContent';

const unownedEndpoint = endpointSummary({
  owner: undefined,
  observedOwner: '***',
  ownerRule: 'unowned',
  unownedReason: 'masked',
});
const unownedWorkflow = workflowSummary({
  owner: undefined,
  observedOwner: 'ada@example.com',
  ownerRule: 'unowned',
  unownedReason: 'unknown-email',
});

describe('StewardshipContent', () => {
  it('lists the unowned endpoints and workflows with why, and claims one', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [unownedEndpoint] });
    api.listWorkflows.mockResolvedValue({ items: [unownedWorkflow] });
    await renderWithApi(api, <StewardshipContent />);

    expect(
      await screen.findByRole('link', { name: 'public.orders' }),
    ).toHaveAttribute('href', '/data/endpoints/ep-orders');
    expect(api.listEndpoints).toHaveBeenCalledWith(
      expect.objectContaining({ unowned: true }),
    );
    expect(api.listWorkflows).toHaveBeenCalledWith(
      expect.objectContaining({ unowned: true }),
    );
    expect(screen.getByText('***')).toBeInTheDocument();
    expect(screen.getByText('The owner is masked (***)')).toBeInTheDocument();
    expect(
      await screen.findByText('No catalog user has this e-mail'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Claim public.orders' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Claim public.orders',
    });
    expect(
      within(dialog).getByText(/data-platform.io\/openlineage-name/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', {
        name: 'Copy the catalog-info.yaml entity',
      }),
    ).toBeInTheDocument();
  });

  it('says when everything has an owner', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [] });
    api.listWorkflows.mockResolvedValue({ items: [] });
    await renderWithApi(api, <StewardshipContent />);
    expect(
      await screen.findByText('Every endpoint has an owner'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Every workflow has an owner'),
    ).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockRejectedValue(new Error('service down'));
    api.listWorkflows.mockResolvedValue({ items: [] });
    await renderWithApi(api, <StewardshipContent />);
    expect((await screen.findAllByText(/service down/)).length).toBeGreaterThan(
      0,
    );
    api.listEndpoints.mockResolvedValue({ items: [unownedEndpoint] });
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('link', { name: 'public.orders' }),
    ).toBeInTheDocument();
  });
});
