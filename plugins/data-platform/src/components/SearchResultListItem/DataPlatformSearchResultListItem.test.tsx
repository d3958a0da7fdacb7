import { createExtensionTester } from '@backstage/frontend-test-utils';
import { SearchResultListItemExtensions } from '@backstage/plugin-search-react';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import { renderInTestApp } from '@backstage/test-utils';
import { DataPlatformSearchDocument } from '@data-platform/plugin-data-platform-common';
import { screen } from '@testing-library/react';
import { DataPlatformSearchResultListItem } from './DataPlatformSearchResultListItem';
import { searchResultListItem } from './searchResultListItem';
import { DataPlatformSearchResultListItem as LegacyItem } from '../../plugin';

const endpoint: DataPlatformSearchDocument = {
  title: 'analytics.public.daily_plays',
  text: 'daily_plays\nanalytics public\nPlays per track and day',
  location: '/data/endpoints/ep_abc',
  kind: 'endpoint',
  id: 'ep_abc',
  namespace: 'postgres://warehouse:5432',
  name: 'analytics.public.daily_plays',
  shortName: 'daily_plays',
  owner: 'group:default/team-music',
  tags: [],
  fields: ['track_id'],
};

const workflow: DataPlatformSearchDocument = {
  ...endpoint,
  title: 'plays_dag.aggregate_plays',
  location: '/data/workflows/wf_abc',
  kind: 'workflow',
  id: 'wf_abc',
  namespace: 'airflow',
  name: 'plays_dag.aggregate_plays',
  shortName: 'aggregate_plays',
  owner: undefined,
  fields: [],
};

describe('DataPlatformSearchResultListItem', () => {
  it('shows an endpoint with its name, kind, owner and namespace', async () => {
    await renderInTestApp(
      <DataPlatformSearchResultListItem result={endpoint} rank={1} />,
    );
    expect(
      screen.getByRole('link', { name: 'analytics.public.daily_plays' }),
    ).toHaveAttribute('href', '/data/endpoints/ep_abc');
    expect(screen.getByText('Endpoint')).toBeInTheDocument();
    expect(
      screen.getByText('Owner: group:default/team-music'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Namespace: postgres://warehouse:5432'),
    ).toBeInTheDocument();
  });

  it('shows a workflow, and says when its owner is unknown', async () => {
    await renderInTestApp(
      <DataPlatformSearchResultListItem result={workflow} />,
    );
    expect(
      screen.getByRole('link', { name: 'plays_dag.aggregate_plays' }),
    ).toHaveAttribute('href', '/data/workflows/wf_abc');
    expect(screen.getByText('Workflow')).toBeInTheDocument();
    expect(screen.getByText('Owner: unknown')).toBeInTheDocument();
    expect(screen.getByText('Namespace: airflow')).toBeInTheDocument();
  });

  it('highlights the matched words of the name', async () => {
    await renderInTestApp(
      <DataPlatformSearchResultListItem
        result={endpoint}
        highlight={{
          preTag: '<b>',
          postTag: '</b>',
          fields: { title: 'analytics.public.<b>daily_plays</b>' },
        }}
      />,
    );
    const mark = screen.getByText('daily_plays');
    expect(mark.tagName).toBe('MARK');
  });

  it('is the search page item of data-platform results, and only of those', async () => {
    const item = createExtensionTester(searchResultListItem).get(
      SearchResultListItemBlueprint.dataRefs.item,
    );
    const result = (type: string) => ({
      type,
      document: endpoint,
      rank: 1,
    });
    expect(item.predicate?.(result('data-platform'))).toBe(true);
    expect(item.predicate?.(result('software-catalog'))).toBe(false);
    const Item = item.component;
    await renderInTestApp(<Item result={endpoint} />);
    expect(screen.getByText('Endpoint')).toBeInTheDocument();
  });

  it("is the legacy search page's item of data-platform results, and only of those", async () => {
    await renderInTestApp(
      <SearchResultListItemExtensions
        results={[
          {
            type: 'software-catalog',
            document: { ...endpoint, title: 'a-component' },
          },
          { type: 'data-platform', document: workflow },
        ]}
      >
        <LegacyItem />
      </SearchResultListItemExtensions>,
    );
    expect(
      await screen.findByRole('link', { name: 'plays_dag.aggregate_plays' }),
    ).toHaveAttribute('href', '/data/workflows/wf_abc');
    expect(screen.getByText('Workflow')).toBeInTheDocument();
    // The catalog result is not drawn as a data platform result.
    expect(screen.queryByText('Endpoint')).not.toBeInTheDocument();
  });
});
