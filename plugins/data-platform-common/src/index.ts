/**
 * Types, permissions and the typed API client shared by the data platform
 * frontend, backend and backend modules.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './types';
export * from './lineage';
export * from './search';
export * from './declaration';
export type {
  paths as DataPlatformApiPaths,
  components as DataPlatformApiComponents,
  operations as DataPlatformApiOperations,
} from './generated/openapi';
export type {
  DataPlatformApi,
  DataPlatformRequestOptions,
} from './client/DataPlatformApi';
export { DATA_PLATFORM_API_METHODS } from './client/DataPlatformApi';
export {
  DataPlatformClient,
  DATA_PLATFORM_PLUGIN_ID,
} from './client/DataPlatformClient';
export type { DataPlatformDiscovery } from './client/DataPlatformClient';
