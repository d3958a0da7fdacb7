import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  endpointSummary,
  mockDataPlatformApi,
  runSummary,
  workflowSummary,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { TeamDataContent } from './TeamDataContent';
import { teamOwnerRefs } from '.';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'ads-measurement', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {},
  relations: [
    { type: 'memberOf', targetRef: 'group:default/team-b' },
    { type: 'ownerOf', targetRef: 'component:default/shop' },
    { type: 'memberOf', targetRef: 'group:default/team-a' },
  ],
};

function renderTab(api: DataPlatformApi, entity: Entity) {
  return renderWithApi(
    api,
    <EntityProvider entity={entity}>
      <TeamDataContent />
    </EntityProvider>,
  );
}

describe('TeamDataContent', () => {
  it("lists a Group's endpoints and workflows by its full ref", async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [endpointSummary()] });
    api.listWorkflows.mockResolvedValue({
      items: [workflowSummary({ latestRun: runSummary({ state: 'FAILED' }) })],
    });
    await renderTab(api, group);

    expect(
      await screen.findByRole('link', { name: 'public.orders' }),
    ).toHaveAttribute('href', '/data/endpoints/ep-orders');
    expect(
      await screen.findByRole('link', { name: 'load_orders' }),
    ).toHaveAttribute('href', '/data/workflows/wf-load');
    expect(screen.getByText('postgres://warehouse:5432')).toBeInTheDocument();
    // The last partition's key, as its readable window or as sent.
    expect(screen.getByText('ds=2026-11-24')).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenCalledWith({
      owner: 'group:default/ads-measurement',
      limit: 25,
      cursor: undefined,
    });
    expect(api.listWorkflows).toHaveBeenCalledWith({
      owner: 'group:default/ads-measurement',
      limit: 25,
      cursor: undefined,
    });
    // A Group's tab is its own; no heading names it again.
    expect(
      screen.queryByRole('link', { name: 'ads-measurement' }),
    ).not.toBeInTheDocument();
  });

  it('says when the team owns nothing yet', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockResolvedValue({ items: [] });
    api.listWorkflows.mockResolvedValue({ items: [] });
    await renderTab(api, group);

    expect(
      await screen.findByText('This team owns no endpoints yet'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('This team owns no workflows yet'),
    ).toBeInTheDocument();
  });

  it("lists each of a User's groups in a section of its own", async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockImplementation(async filters => ({
      items:
        filters?.owner === 'group:default/team-a' ? [endpointSummary()] : [],
    }));
    api.listWorkflows.mockImplementation(async filters => ({
      items:
        filters?.owner === 'group:default/team-b'
          ? [workflowSummary({ owner: 'group:default/team-b' })]
          : [],
    }));
    await renderTab(api, user);

    const teamA = await screen.findByRole('region', {
      name: 'group:default/team-a',
    });
    const teamB = screen.getByRole('region', { name: 'group:default/team-b' });
    expect(
      await within(teamA).findByRole('link', { name: 'public.orders' }),
    ).toBeInTheDocument();
    expect(
      await within(teamA).findByText('This team owns no workflows yet'),
    ).toBeInTheDocument();
    expect(
      await within(teamB).findByRole('link', { name: 'load_orders' }),
    ).toBeInTheDocument();
    expect(
      await within(teamB).findByText('This team owns no endpoints yet'),
    ).toBeInTheDocument();
    expect(within(teamA).getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );

    const owners = api.listEndpoints.mock.calls.map(([f]) => f?.owner);
    expect(owners.sort()).toEqual([
      'group:default/team-a',
      'group:default/team-b',
    ]);
    expect(api.listWorkflows).toHaveBeenCalledTimes(2);
  });

  it('says so when a User is in no group, without asking the service', async () => {
    const api = mockDataPlatformApi();
    await renderTab(api, { ...user, relations: [] });

    expect(
      await screen.findByText('Not a member of any group'),
    ).toBeInTheDocument();
    expect(api.listEndpoints).not.toHaveBeenCalled();
    expect(api.listWorkflows).not.toHaveBeenCalled();
  });

  it('pages with the cursor and retries after an error', async () => {
    const api = mockDataPlatformApi();
    api.listEndpoints.mockImplementation(async filters => ({
      items: [
        endpointSummary({
          id: `ep-${filters?.cursor ?? 'first'}`,
          name: `table on ${filters?.cursor ?? 'first'} page`,
        }),
      ],
      nextCursor: filters?.cursor ? undefined : 'second',
    }));
    api.listWorkflows.mockRejectedValueOnce(new Error('service restarting'));
    api.listWorkflows.mockResolvedValue({ items: [workflowSummary()] });
    await renderTab(api, group);

    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('link', { name: 'table on second page' }),
    ).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenLastCalledWith({
      owner: 'group:default/ads-measurement',
      limit: 25,
      cursor: 'second',
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Try again' }),
    );
    expect(
      await screen.findByRole('link', { name: 'load_orders' }),
    ).toBeInTheDocument();
  });
});

describe('teamOwnerRefs', () => {
  it("is a Group's own ref, and a User's groups, sorted", () => {
    expect(teamOwnerRefs(group)).toEqual(['group:default/ads-measurement']);
    expect(teamOwnerRefs(user)).toEqual([
      'group:default/team-a',
      'group:default/team-b',
    ]);
  });
});
