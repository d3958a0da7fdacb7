/**
 * Data platform pages for Backstage: endpoints, workflows, lineage, cost and
 * quality under `/data`.
 *
 * This entry point serves apps on the legacy frontend system; the new
 * frontend system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */

export {
  dataPlatformPlugin,
  DataPlatformPage,
  DataPlatformSearchResultListItem,
  EntityDataPlatformTeamContent,
  EntityDataPlatformDatasetContent,
  EntityDataPlatformPipelineContent,
  EntityDataPlatformEndpointCard,
  EntityDataPlatformSchemaCard,
  EntityDataPlatformLineageCard,
} from './plugin';
export {
  isDataPlatformDataset,
  isDataPlatformPipeline,
} from './components/EntityData/entityAnnotations';
export { dataPlatformApiRef } from './api';
export type { DataPlatformSearchResultListItemProps } from './components/SearchResultListItem';
