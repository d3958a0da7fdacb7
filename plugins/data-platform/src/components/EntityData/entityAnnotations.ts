import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DATA_PLATFORM_ENDPOINT_ID,
  ANNOTATION_DATA_PLATFORM_WORKFLOW_ID,
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
} from '@data-platform/plugin-data-platform-common';

/**
 * How a catalog entity names the endpoint or workflow it stands for: the
 * service's id (the entities the data platform provider emits), or the
 * OpenLineage identity (a team's own declaration), or nothing.
 */
export type AssetReference =
  | { id: string; namespace?: string; name?: string }
  | { id?: undefined; namespace: string; name: string };

function lower(value: unknown) {
  return typeof value === 'string' ? value.toLocaleLowerCase('en-US') : '';
}

/**
 * Whether an entity is an API of type `dataset`, the kind the data platform
 * provider emits for endpoints and teams declare for their own.
 *
 * @public
 */
export function isDataPlatformDataset(entity: Entity): boolean {
  return lower(entity.kind) === 'api' && lower(entity.spec?.type) === 'dataset';
}

/**
 * Whether an entity is a Component of type `data-pipeline`, the kind the
 * data platform provider emits for workflows.
 *
 * @public
 */
export function isDataPlatformPipeline(entity: Entity): boolean {
  return (
    lower(entity.kind) === 'component' &&
    lower(entity.spec?.type) === 'data-pipeline'
  );
}

/** The endpoint or workflow an entity's annotations name, if any. */
export function assetReference(
  entity: Entity,
  kind: 'endpoint' | 'workflow',
): AssetReference | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const id =
    annotations[
      kind === 'endpoint'
        ? ANNOTATION_DATA_PLATFORM_ENDPOINT_ID
        : ANNOTATION_DATA_PLATFORM_WORKFLOW_ID
    ]?.trim();
  const namespace = annotations[ANNOTATION_OPENLINEAGE_NAMESPACE]?.trim();
  const name = annotations[ANNOTATION_OPENLINEAGE_NAME]?.trim();
  if (id) return { id, namespace, name };
  if (namespace && name) return { namespace, name };
  return undefined;
}

/** The reference as people read it, for empty states. */
export function describeReference(reference: AssetReference): string {
  if (reference.namespace && reference.name) {
    return `${reference.namespace}/${reference.name}`;
  }
  return `the id "${reference.id}"`;
}
