import { Content, TableColumn } from '@backstage/core-components';
import { ListFilters, Page } from '@data-platform/plugin-data-platform-common';
import Button from '@mui/material/Button';
import { PAGE_SIZE, useCursorPagination } from '../CursorPagination';
import { NameCell, OwnerText, TagChips } from '../ExplorerCells';
import { PagedTable } from '../PagedTable';
import { ExplorerFilters } from './ExplorerFilters';
import { useExplorerFilters } from './useExplorerFilters';

/** What every explorer row has: the catalog-like identity of an entity. */
type ExplorerItem = {
  name: string;
  namespace: string;
  description?: string;
  owner?: string;
  tags: string[];
};

/**
 * What both explorers share: filters kept in the URL, a cursor-paginated
 * table whose name, namespace, owner and tag columns are the same for every
 * kind, and loading, empty ("none yet" vs "none match") and error states.
 * Each explorer brings its link, its own columns and its words.
 */
export function ExplorerList<T extends ExplorerItem>(props: {
  /** Plural, lower case: "endpoints". */
  noun: string;
  /** Whose values the filters suggest. */
  kind: 'endpoint' | 'workflow';
  /** Extra things the search matches, e.g. "field names". */
  searchHint?: string;
  /** What the list holds and how items get there, for the empty state. */
  emptyDescription: string;
  list: (filters: ListFilters) => Promise<Page<T>>;
  /** The link to an item's page, for the name column. */
  link: (row: T) => JSX.Element;
  /** The columns of this kind, between the owner and the tags. */
  columns: TableColumn<T>[];
}) {
  const { noun, searchHint, emptyDescription, list } = props;
  const { filters, setFilter, clearFilters, active } = useExplorerFilters();
  const pagination = useCursorPagination(
    cursor => list({ ...filters, limit: PAGE_SIZE, cursor }),
    JSON.stringify(filters),
    { inUrl: true },
  );
  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  const singular = title.replace(/s$/, '');
  const columns: TableColumn<T>[] = [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      width: '30%',
      render: row => (
        <NameCell link={props.link(row)} description={row.description} />
      ),
    },
    { title: 'Namespace', field: 'namespace' },
    {
      title: 'Owner',
      field: 'owner',
      render: row => <OwnerText owner={row.owner} />,
    },
    ...props.columns,
    {
      title: 'Tags',
      field: 'tags',
      cellStyle: { minWidth: 120 },
      render: row => (
        <TagChips tags={row.tags} onSelect={tag => setFilter('tag', tag)} />
      ),
    },
  ];

  return (
    <Content>
      <ExplorerFilters
        noun={noun}
        kind={props.kind}
        searchHint={searchHint}
        filters={filters}
        onChange={setFilter}
        onClear={clearFilters}
        active={active}
      />
      <PagedTable<T>
        pagination={pagination}
        title={title}
        subtitle={active ? 'Matching the search and filters' : `All ${noun}`}
        columns={columns}
        pagesLabel={`${singular} pages`}
        filtered={active}
        empty={{ title: `No ${noun} yet`, description: emptyDescription }}
        noMatch={{
          title: `No ${noun} match`,
          description:
            'Nothing matches the search and filters. Loosen or clear them to see more.',
          action: (
            <Button variant="contained" onClick={clearFilters}>
              Clear filters
            </Button>
          ),
        }}
      />
    </Content>
  );
}
