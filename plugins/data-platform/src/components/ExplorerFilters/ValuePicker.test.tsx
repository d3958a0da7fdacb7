import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockDataPlatformApi } from '../../__testUtils__/mockDataPlatformApi';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { ownerOptions, teamName, ValuePicker } from './ValuePicker';

describe('owner options', () => {
  it('names teams as the owner filter reads a bare name', () => {
    expect(teamName('group:default/ads-measurement')).toBe('ads-measurement');
    expect(teamName('team:ads')).toBe('ads');
    expect(teamName('ads')).toBe('ads');
  });

  it('merges the refs of one team into one option', () => {
    expect(
      ownerOptions([
        { value: 'group:default/ads-measurement', count: 3 },
        { value: 'group:default/shop', count: 2 },
        { value: 'team:Ads-Measurement', count: 1 },
      ]),
    ).toEqual([
      {
        value: 'ads-measurement',
        count: 4,
        refs: ['group:default/ads-measurement', 'team:Ads-Measurement'],
      },
      { value: 'shop', count: 2, refs: ['group:default/shop'] },
    ]);
  });
});

describe('ValuePicker', () => {
  it('suggests the service values by prefix and applies a picked one', async () => {
    const api = mockDataPlatformApi();
    api.listValues.mockResolvedValue({
      items: [
        { value: 'group:default/ads-measurement', count: 12 },
        { value: 'group:default/shop', count: 3 },
      ],
    });
    const onCommit = jest.fn();
    await renderWithApi(
      api,
      <ValuePicker
        field="owner"
        kind="workflow"
        label="Owner"
        value=""
        onCommit={onCommit}
      />,
    );

    await userEvent.click(screen.getByRole('combobox', { name: 'Owner' }));
    const listbox = await screen.findByRole('listbox');
    expect(
      await within(listbox).findByText('ads-measurement'),
    ).toBeInTheDocument();
    expect(
      within(listbox).getByText('group:default/ads-measurement'),
    ).toBeInTheDocument();
    expect(api.listValues).toHaveBeenCalledWith({
      field: 'owner',
      kind: 'workflow',
      prefix: undefined,
      limit: 20,
    });

    await userEvent.type(screen.getByRole('combobox', { name: 'Owner' }), 'ad');
    await waitFor(() =>
      expect(api.listValues).toHaveBeenLastCalledWith(
        expect.objectContaining({ prefix: 'ad' }),
      ),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /ads-measurement/ }),
    );
    expect(onCommit).toHaveBeenLastCalledWith('ads-measurement');
    expect(screen.getByRole('combobox', { name: 'Owner' })).toHaveValue(
      'ads-measurement',
    );
  });

  it('still applies free text', async () => {
    const api = mockDataPlatformApi();
    api.listValues.mockResolvedValue({ items: [] });
    const onCommit = jest.fn();
    await renderWithApi(
      api,
      <ValuePicker
        field="tag"
        kind="endpoint"
        label="Tag"
        value=""
        onCommit={onCommit}
      />,
    );
    await userEvent.type(screen.getByLabelText('Tag'), 'brand-new{Enter}');
    expect(onCommit).toHaveBeenCalledWith('brand-new');
  });

  it('asks nothing until the list opens', async () => {
    const api = mockDataPlatformApi();
    await renderWithApi(
      api,
      <ValuePicker
        field="namespace"
        kind="endpoint"
        label="Namespace"
        value="s3://lake"
        onCommit={jest.fn()}
      />,
    );
    expect(screen.getByLabelText('Namespace')).toHaveValue('s3://lake');
    expect(api.listValues).not.toHaveBeenCalled();
  });
});
