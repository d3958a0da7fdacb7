export {
  DataPlatformSearchResultListItem,
  type DataPlatformSearchResultListItemProps,
} from './DataPlatformSearchResultListItem';
