// The annotations are shared with the metadata service, which reads teams'
// declarations by them; this module keeps exporting them for its users.
export {
  ANNOTATION_DATA_PLATFORM_ENDPOINT_ID,
  ANNOTATION_DATA_PLATFORM_WORKFLOW_ID,
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
  ANNOTATION_OPENLINEAGE_OWNER,
} from '@data-platform/plugin-data-platform-common';
