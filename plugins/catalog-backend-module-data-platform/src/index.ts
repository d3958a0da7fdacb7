/**
 * A catalog module that puts the data platform's endpoints and workflows
 * into the Backstage catalog, as API and Component entities with their
 * lineage. Configured under `catalog.providers.dataPlatform`.
 *
 * @packageDocumentation
 */

export { catalogModuleDataPlatform as default } from './module/catalogModuleDataPlatform';
export {
  ANNOTATION_DATA_PLATFORM_ENDPOINT_ID,
  ANNOTATION_DATA_PLATFORM_WORKFLOW_ID,
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
  ANNOTATION_OPENLINEAGE_OWNER,
} from './entities/annotations';
