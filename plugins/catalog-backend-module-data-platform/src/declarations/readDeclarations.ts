import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_OPENLINEAGE_NAMESPACE,
  DATA_PLATFORM_LOCATION_PREFIX,
  DataPlatformDeclaration,
  parseDataPlatformDeclaration,
} from '@data-platform/plugin-data-platform-common';
import { pagesOf } from '@data-platform/plugin-data-platform-node';

/** The entities teams declared, by the OpenLineage identity they declare. */
export type Declarations = {
  /** The declaring entity's ref for an endpoint or workflow, if declared. */
  refOf(
    kind: DataPlatformDeclaration['kind'],
    identity: { namespace: string; name: string },
  ): string | undefined;
  readonly size: number;
};

const key = (kind: string, namespace: string, name: string) =>
  `${kind}\u0000${namespace}\u0000${name}`;

export function declarationsOf(
  declarations: Iterable<DataPlatformDeclaration>,
): Declarations {
  const refs = new Map<string, string>();
  for (const d of declarations) {
    const k = key(d.kind, d.namespace, d.name);
    // Two entities declaring one identity: the first ref in order wins,
    // so every sync picks the same one.
    const existing = refs.get(k);
    if (!existing || d.entityRef < existing) refs.set(k, d.entityRef);
  }
  return {
    refOf: (kind, { namespace, name }) => refs.get(key(kind, namespace, name)),
    size: refs.size,
  };
}

/** Whether the provider itself emitted the entity (not a declaration). */
export function isProviderEntity(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  return !!entity.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
    DATA_PLATFORM_LOCATION_PREFIX,
  );
}

// Entities per catalog request.
const PAGE_SIZE = 500;

/**
 * Every declaration in the catalog: the entities with the OpenLineage
 * namespace annotation, but for those the provider emitted, read with the
 * catalog's own service credentials a page at a time. Only the valid
 * declarations are kept (a few hundred bytes each: teams declare their
 * important endpoints and workflows, thousands at most, so the map stays
 * small even when the observed set is millions).
 */
export async function readDeclarations(options: {
  catalog: CatalogService;
  auth: AuthService;
}): Promise<Declarations> {
  const { catalog, auth } = options;
  const found: DataPlatformDeclaration[] = [];
  const fields = [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    'metadata.description',
    'metadata.annotations',
    'spec',
  ];
  const pages = pagesOf(async cursor => {
    const credentials = await auth.getOwnServiceCredentials();
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, fields, limit: PAGE_SIZE }
        : {
            filter: {
              [`metadata.annotations.${ANNOTATION_OPENLINEAGE_NAMESPACE}`]:
                CATALOG_FILTER_EXISTS,
            },
            fields,
            limit: PAGE_SIZE,
          },
      { credentials },
    );
    return { items: page.items, nextCursor: page.pageInfo.nextCursor };
  });
  for await (const entities of pages) {
    for (const entity of entities) {
      if (isProviderEntity(entity)) continue;
      const { declaration } = parseDataPlatformDeclaration(entity);
      if (declaration) found.push(declaration);
    }
  }
  return declarationsOf(found);
}
