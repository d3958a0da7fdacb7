import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_OPENLINEAGE_NAMESPACE,
  DATA_PLATFORM_LOCATION_PREFIX,
  parseDataPlatformDeclaration,
} from '@data-platform/plugin-data-platform-common';
import { createHash } from 'node:crypto';
import { entityId } from '../openlineage/ids';
import { normalizeOwnerRef, ownerAlias } from './ownerRules';
import { DeclarationRow, OwnershipStore, SyncResult } from './OwnershipStore';

const PAGE_SIZE = 500;
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

/** Reads every entity a filter matches, a page at a time. */
async function* entities(
  catalog: CatalogService,
  auth: AuthService,
  filter: Record<string, string | symbol>,
  fields: string[],
): AsyncGenerator<Entity> {
  let cursor: string | undefined;
  do {
    const credentials = await auth.getOwnServiceCredentials();
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields }
        : { filter: filter as any, limit: PAGE_SIZE, fields },
      { credentials },
    );
    yield* page.items;
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
}

/**
 * The e-mail rule's directory: each User's `spec.profile.email` (lower
 * case) to the first of its `memberOf` groups in sorted order, or the User
 * itself when it has none. An address two Users share goes to the first
 * User by ref, on every run alike.
 */
export function usersByEmail(users: Entity[]): Map<string, string> {
  const result = new Map<string, { user: string; ref: string }>();
  for (const user of users) {
    const email = (user.spec?.profile as { email?: unknown } | undefined)
      ?.email;
    if (typeof email !== 'string' || !email.trim()) continue;
    const userRef = normalizeOwnerRef(
      `user:${user.metadata.namespace ?? 'default'}/${user.metadata.name}`,
    );
    if (!userRef) continue;
    const groups = (user.relations ?? [])
      .filter(r => r.type === 'memberOf')
      .map(r => normalizeOwnerRef(r.targetRef))
      .filter((r): r is string => !!r && r.startsWith('group:'))
      .sort();
    const alias = ownerAlias(email.trim());
    const seen = result.get(alias);
    if (!seen || userRef < seen.user) {
      result.set(alias, { user: userRef, ref: groups[0] ?? userRef });
    }
  }
  return new Map([...result].map(([alias, { ref }]) => [alias, ref]));
}

/**
 * The teams' declarations among entities carrying the OpenLineage
 * annotations; the entities the data platform's own provider emits (its
 * managed-by-location starts with `data-platform:`) are not declarations.
 * An entity whose declaration cannot be read at all (problems only) is
 * left out: it declares nothing the service could use.
 */
export function declarationRows(found: Entity[]): DeclarationRow[] {
  const rows: DeclarationRow[] = [];
  for (const entity of found) {
    const location = entity.metadata.annotations?.[MANAGED_BY_LOCATION] ?? '';
    if (location.startsWith(DATA_PLATFORM_LOCATION_PREFIX)) continue;
    const { declaration, problems } = parseDataPlatformDeclaration(entity);
    if (!declaration) continue;
    const text = JSON.stringify(declaration);
    const problemText = JSON.stringify(problems);
    rows.push({
      entity_ref: declaration.entityRef,
      kind: declaration.kind,
      namespace: declaration.namespace,
      name: declaration.name,
      target_id: entityId(
        declaration.kind,
        declaration.namespace,
        declaration.name,
      ),
      owner_ref: declaration.owner
        ? normalizeOwnerRef(declaration.owner) ?? declaration.owner
        : null,
      declaration: text,
      problems: problemText,
      hash: createHash('sha256')
        .update(`${text}\u0000${problemText}`)
        .digest('hex'),
    });
  }
  return rows;
}

/** What one read of the catalog changed. */
export type CatalogReadResult = { users: SyncResult; declarations: SyncResult };

/**
 * Reads the catalog's Users (for the e-mail rule) and the teams'
 * declarations, and syncs them into the store, which re-resolves the
 * rows whose facts changed.
 */
export async function readCatalog(options: {
  catalog: CatalogService;
  auth: AuthService;
  store: OwnershipStore;
}): Promise<CatalogReadResult> {
  const { catalog, auth, store } = options;
  const users: Entity[] = [];
  for await (const user of entities(catalog, auth, { kind: 'user' }, [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'spec.profile.email',
    'relations',
  ])) {
    users.push(user);
  }
  const declaring: Entity[] = [];
  for await (const entity of entities(
    catalog,
    auth,
    {
      [`metadata.annotations.${ANNOTATION_OPENLINEAGE_NAMESPACE}`]:
        CATALOG_FILTER_EXISTS,
    },
    ['kind', 'metadata', 'spec'],
  )) {
    declaring.push(entity);
  }
  // Users first: a declaration never reads them, so either order is right.
  return {
    users: await store.syncDirectory('email', usersByEmail(users)),
    declarations: await store.syncDeclarations(declarationRows(declaring)),
  };
}

/**
 * Reads the catalog on `schedule` (one replica at a time). When the
 * catalog is absent or fails, the error is logged and the next run tries
 * again; resolution keeps the facts it last read.
 */
export async function scheduleCatalogReader(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  catalog: CatalogService;
  auth: AuthService;
  store: OwnershipStore;
  logger: LoggerService;
}) {
  const { scheduler, schedule, logger } = options;
  await scheduler.scheduleTask({
    id: 'data-platform-catalog-reader',
    ...schedule,
    fn: async () => {
      try {
        const { users, declarations } = await readCatalog(options);
        logger.info(
          `Read the catalog: ${users.changed} e-mail and ${
            declarations.changed
          } declaration changes, ${
            users.reresolved + declarations.reresolved
          } owners re-resolved`,
        );
      } catch (error) {
        logger.warn(
          `Could not read the catalog; owners resolve by what was read before, retrying on the next run: ${error}`,
        );
      }
    },
  });
}
