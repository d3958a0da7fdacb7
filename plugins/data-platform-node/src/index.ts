/**
 * Extension points for backend modules of the data platform metadata
 * service, and the service ref through which other backend plugins and
 * modules call it.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './startupGate';
export * from './paging';
export {
  dataPlatformServiceRef,
  type DataPlatformService,
  type DataPlatformServiceMethod,
  type DataPlatformServiceRequestOptions,
} from './dataPlatformService';
