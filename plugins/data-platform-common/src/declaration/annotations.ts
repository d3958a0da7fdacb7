/**
 * The OpenLineage namespace of the endpoint or workflow an entity stands
 * for, as events name it. With {@link ANNOTATION_OPENLINEAGE_NAME} it ties a
 * team's own `catalog-info.yaml` entity to what the runtime observes.
 *
 * @public
 */
export const ANNOTATION_OPENLINEAGE_NAMESPACE =
  'data-platform.io/openlineage-namespace';

/**
 * The OpenLineage name of the endpoint or workflow an entity stands for.
 *
 * @public
 */
export const ANNOTATION_OPENLINEAGE_NAME = 'data-platform.io/openlineage-name';

/**
 * The owner the ownership facet names, as it names it, on the entities the
 * data platform provider emits; `spec.owner` is what it resolved to.
 *
 * @public
 */
export const ANNOTATION_OPENLINEAGE_OWNER =
  'data-platform.io/openlineage-owner';

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
 * The prefix of the `backstage.io/managed-by-location` of every entity the
 * data platform provider emits. An entity with the OpenLineage annotations
 * and another location is a team's declaration.
 *
 * @public
 */
export const DATA_PLATFORM_LOCATION_PREFIX = 'data-platform:';
