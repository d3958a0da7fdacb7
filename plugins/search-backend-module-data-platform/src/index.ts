/**
 * A search backend module that indexes the data platform's endpoints and
 * workflows (document type `data-platform`), configured under
 * `search.collators.dataPlatform`.
 *
 * @packageDocumentation
 */

export { searchModuleDataPlatformCollator as default } from './module';
