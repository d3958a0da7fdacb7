import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  ApiEntity,
  ComponentEntity,
  makeValidator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EndpointDetail,
  EntityReference,
  WorkflowDetail,
} from '@data-platform/plugin-data-platform-common';
import {
  ANNOTATION_DATA_PLATFORM_ENDPOINT_ID,
  ANNOTATION_DATA_PLATFORM_WORKFLOW_ID,
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
  ANNOTATION_OPENLINEAGE_OWNER,
} from './annotations';
import { catalogName } from './entityName';
import { ownerRef } from './ownerRef';

/** What every entity of one sync shares. */
export type EntityOptions = {
  lifecycle: string;
  /** `app.baseUrl`, without a trailing slash. */
  appBaseUrl: string;
  /** Whether endpoints of this OpenLineage namespace become entities. */
  includesNamespace(namespace: string): boolean;
};

/** The spec.type of an endpoint's API entity. */
export const DATASET_TYPE = 'dataset';
/** The spec.type of a workflow's Component entity. */
export const DATA_PIPELINE_TYPE = 'data-pipeline';

const validator = makeValidator();

/** The entity ref of the API entity of an endpoint. */
export function endpointRef(endpoint: { namespace: string; name: string }) {
  return stringifyEntityRef({
    kind: 'API',
    namespace: 'default',
    name: catalogName(endpoint.namespace, endpoint.name),
  });
}

/**
 * An endpoint as an API entity of type `dataset`, whose definition is its
 * current schema as JSON (an API entity must have one; an endpoint whose
 * events never carried a schema has an empty field list).
 */
export function endpointEntity(
  endpoint: EndpointDetail,
  options: EntityOptions,
): ApiEntity {
  const url = `${options.appBaseUrl}/data/endpoints/${encodeURIComponent(
    endpoint.id,
  )}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      ...commonMetadata(endpoint, url),
      annotations: {
        ...commonAnnotations(endpoint, url),
        [ANNOTATION_DATA_PLATFORM_ENDPOINT_ID]: endpoint.id,
      },
    },
    spec: {
      type: DATASET_TYPE,
      lifecycle: options.lifecycle,
      owner: ownerRef(endpoint.owner),
      definition: JSON.stringify(
        endpoint.schema
          ? { version: endpoint.schema.version, fields: endpoint.schema.fields }
          : { fields: [] },
        null,
        2,
      ),
    },
  };
}

/**
 * A workflow as a Component entity of type `data-pipeline` that consumes
 * the APIs of its current inputs and provides those of its current outputs
 * (the workflow detail's, i.e. the current lineage), of the included
 * namespaces only.
 */
export function workflowEntity(
  workflow: WorkflowDetail,
  options: EntityOptions,
): ComponentEntity {
  const url = `${options.appBaseUrl}/data/workflows/${encodeURIComponent(
    workflow.id,
  )}`;
  const refs = (endpoints: EntityReference[]) => [
    ...new Set(
      endpoints
        .filter(endpoint => options.includesNamespace(endpoint.namespace))
        .map(endpointRef),
    ),
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      ...commonMetadata(workflow, url),
      annotations: {
        ...commonAnnotations(workflow, url),
        [ANNOTATION_DATA_PLATFORM_WORKFLOW_ID]: workflow.id,
      },
    },
    spec: {
      type: DATA_PIPELINE_TYPE,
      lifecycle: options.lifecycle,
      owner: ownerRef(workflow.owner),
      consumesApis: refs(workflow.inputs),
      providesApis: refs(workflow.outputs),
    },
  };
}

type Asset = {
  namespace: string;
  name: string;
  description?: string;
  owner?: string;
  /** What the ownership facet names; `owner` is what the service resolved. */
  observedOwner?: string;
  tags: string[];
};

function commonMetadata(asset: Asset, url: string) {
  return {
    name: catalogName(asset.namespace, asset.name),
    title: asset.name,
    ...(asset.description ? { description: asset.description } : {}),
    tags: catalogTags(asset.tags),
    links: [{ url, title: 'Data platform', icon: 'dashboard' }],
  };
}

function commonAnnotations(asset: Asset, url: string): Record<string, string> {
  // Provider entities still need a location: the page they come from.
  const location = `data-platform:${url}`;
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_VIEW_URL]: url,
    [ANNOTATION_OPENLINEAGE_NAMESPACE]: asset.namespace,
    [ANNOTATION_OPENLINEAGE_NAME]: asset.name,
    ...(asset.observedOwner
      ? { [ANNOTATION_OPENLINEAGE_OWNER]: asset.observedOwner }
      : {}),
  };
}

/**
 * The tags the catalog accepts (lowercase letters, digits, `:+#`, words
 * joined by single dashes, at most 63 characters): others are lowercased
 * and their other characters become dashes; what is still invalid is left
 * out rather than failing the entity.
 */
function catalogTags(tags: string[]): string[] {
  const result = tags
    .map(tag =>
      tag
        .toLocaleLowerCase('en-US')
        .replace(/[^a-z0-9:+#]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(tag => validator.isValidTag(tag));
  return [...new Set(result)];
}
