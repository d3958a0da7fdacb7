/**
 * The metadata service's id of the endpoint an API entity stands for; its
 * page is `/data/endpoints/<id>`.
 *
 * @public
 */
export const ANNOTATION_DATA_PLATFORM_ENDPOINT_ID =
  'data-platform.io/endpoint-id';

/**
 * The metadata service's id of the workflow a Component entity stands for;
 * its page is `/data/workflows/<id>`.
 *
 * @public
 */
export const ANNOTATION_DATA_PLATFORM_WORKFLOW_ID =
  'data-platform.io/workflow-id';

/**
 * The entity's OpenLineage namespace, as events name it.
 *
 * @public
 */
export const ANNOTATION_OPENLINEAGE_NAMESPACE =
  'data-platform.io/openlineage-namespace';

/**
 * The entity's OpenLineage name, as events name it.
 *
 * @public
 */
export const ANNOTATION_OPENLINEAGE_NAME = 'data-platform.io/openlineage-name';

/**
 * The owner the entity's ownership facet names, as it names it; `spec.owner`
 * is what the catalog could make of it.
 *
 * @public
 */
export const ANNOTATION_OPENLINEAGE_OWNER =
  'data-platform.io/openlineage-owner';
