import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import { DATA_PLATFORM_SEARCH_TYPE } from '@data-platform/plugin-data-platform-common';
import StorageIcon from '@mui/icons-material/Storage';

// Endpoints and workflows in the search page's results, with their kind,
// owner and namespace (indexed by
// @data-platform/plugin-search-backend-module-data-platform).
export const searchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    icon: <StorageIcon />,
    predicate: result => result.type === DATA_PLATFORM_SEARCH_TYPE,
    component: () =>
      import('./DataPlatformSearchResultListItem').then(
        m => m.DataPlatformSearchResultListItem,
      ),
  },
});
