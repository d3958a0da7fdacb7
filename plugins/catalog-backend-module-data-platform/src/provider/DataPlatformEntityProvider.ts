import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  EndpointSummary,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import {
  DataPlatformService,
  pagesOf,
} from '@data-platform/plugin-data-platform-node';
import { ProviderConfig } from '../config/readProviderConfig';
import { Declarations } from '../declarations/readDeclarations';
import {
  EntityOptions,
  endpointEntity,
  endpointRef,
  workflowEntity,
  workflowRef,
} from '../entities/dataPlatformEntities';
import { EmittedKind, ProviderStateStore } from '../state/ProviderStateStore';
import { entityHash } from './entityHash';

/** The scheduler task of the full sync. */
export const PROVIDER_TASK_ID = 'catalog-data-platform-provider:refresh';
/** The scheduler task of the change poll between full syncs. */
export const DELTA_TASK_ID = 'catalog-data-platform-provider:delta';

const LOCATION_KEY = 'data-platform';
/**
 * How far back of its watermark the change poll reads: a transaction of
 * the metadata service that took a `changedAt` before the newest one seen
 * but committed after the poll read, and clock skew between the service's
 * replicas and this one, stay within it. Re-read items are skipped by hash.
 */
export const CHANGE_OVERLAP_MS = 2 * 60_000;
/** Entities per removal mutation at the end of a full sync. */
const REMOVAL_CHUNK = 500;
/** How long the change poll reuses the declarations a sync read. */
const DECLARATIONS_TTL_MS = 5 * 60_000;

type Item = EndpointSummary | WorkflowSummary;

/** What one sync or poll did. */
export type SyncCounts = {
  endpoints: number;
  workflows: number;
  /** Entities added or changed in the catalog. */
  applied: number;
  /** Entities whose hash matched what was applied before. */
  unchanged: number;
  /** Items a team declared, which the provider leaves to that entity. */
  declared: number;
  removed: number;
};

/**
 * Puts the metadata service's endpoints (API entities) and workflows
 * (Component entities) into the catalog, in bounded memory.
 *
 * - The full sync pages through both lists (with each endpoint's schema
 *   and each workflow's current inputs and outputs in the page), builds
 *   each page's entities, and applies as a delta mutation only those
 *   whose hash differs from what it last applied (kept in
 *   {@link ProviderStateStore}), marking every seen entity with the
 *   sync's generation. Once both lists were read to the end, entities no
 *   page of this generation had are removed, in chunks. A sync that fails
 *   part way removes nothing.
 * - The change poll lists only what changed since its watermark
 *   (`changedAfter`) and applies it the same way.
 * - An item a team declared in its own catalog-info.yaml is not emitted
 *   (its provider entity, if any, is removed), and workflows name the
 *   declared entity in their refs.
 *
 * Memory holds one page of items and their entities, plus the
 * declarations.
 */
export class DataPlatformEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private declarations?: { value: Declarations; readAt: number };

  constructor(
    private readonly options: {
      config: ProviderConfig;
      dataPlatform: DataPlatformService;
      auth: AuthService;
      scheduler: SchedulerService;
      logger: LoggerService;
      state: ProviderStateStore;
      readDeclarations: () => Promise<Declarations>;
    },
  ) {}

  getProviderName(): string {
    return 'data-platform';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { scheduler, config } = this.options;
    await scheduler.scheduleTask({
      id: PROVIDER_TASK_ID,
      scope: 'global',
      ...config.schedule,
      fn: async () => {
        await this.refresh();
      },
    });
    await scheduler.scheduleTask({
      id: DELTA_TASK_ID,
      scope: 'global',
      ...config.deltaSchedule,
      fn: async () => {
        await this.applyChanges();
      },
    });
  }

  /** One full sync. */
  async refresh(): Promise<SyncCounts> {
    this.requireConnection();
    const { state, logger } = this.options;
    const started = new Date();
    const declarations = await this.readDeclarations(true);
    const generation = await state.nextGeneration();
    const counts = emptyCounts();
    const namespaces = this.options.config.namespaces ?? [undefined];
    for (const kind of ['endpoint', 'workflow'] as const) {
      for (const namespace of namespaces) {
        for await (const items of this.pages(kind, { namespace })) {
          await this.applyPage(kind, items, generation, declarations, counts);
        }
      }
    }
    counts.removed += await this.removeUnseen(generation);
    // The next poll re-reads what changed while this sync ran, so nothing
    // this sync applied from an older page outlives a newer change.
    for (const kind of ['endpoint', 'workflow'] as const) {
      const mark = await state.watermark(kind);
      const floor = started.toISOString();
      if (!mark || floor < mark) await state.setWatermark(kind, floor);
    }
    logger.info(
      `Data platform full sync ${generation}: ${counts.endpoints} endpoints and ${counts.workflows} workflows read, ${counts.applied} entities applied, ${counts.unchanged} unchanged, ${counts.declared} declared by teams, ${counts.removed} removed`,
    );
    return counts;
  }

  /**
   * One change poll: what changed since the watermark. Before the first
   * full sync it does nothing (that sync reads everything).
   */
  async applyChanges(): Promise<SyncCounts> {
    this.requireConnection();
    const { state, logger } = this.options;
    const counts = emptyCounts();
    const generation = await state.generation();
    if (generation === 0) return counts;
    const declarations = await this.readDeclarations(false);
    for (const kind of ['endpoint', 'workflow'] as const) {
      const mark = await state.watermark(kind);
      if (!mark) continue;
      const changedAfter = new Date(
        Date.parse(mark) - CHANGE_OVERLAP_MS,
      ).toISOString();
      let newest = mark;
      for await (const items of this.pages(kind, { changedAfter })) {
        await this.applyPage(kind, items, generation, declarations, counts);
        for (const item of items) {
          if (item.changedAt && item.changedAt > newest) {
            newest = item.changedAt;
          }
        }
      }
      if (newest > mark) await state.setWatermark(kind, newest);
    }
    if (counts.applied + counts.removed > 0) {
      logger.info(
        `Data platform changes: ${counts.applied} entities applied, ${counts.removed} removed`,
      );
    }
    return counts;
  }

  private requireConnection(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error('The data platform entity provider is not connected');
    }
    return this.connection;
  }

  private async readDeclarations(fresh: boolean): Promise<Declarations> {
    const cached = this.declarations;
    if (!fresh && cached && Date.now() - cached.readAt < DECLARATIONS_TTL_MS) {
      return cached.value;
    }
    const value = await this.options.readDeclarations();
    this.declarations = { value, readAt: Date.now() };
    return value;
  }

  private pages(
    kind: EmittedKind,
    filters: { namespace?: string; changedAfter?: string },
  ): AsyncGenerator<Item[]> {
    const { dataPlatform, auth, config } = this.options;
    return pagesOf<Item>(async cursor => {
      const request = { credentials: await auth.getOwnServiceCredentials() };
      const query = { ...filters, limit: config.pageSize, cursor };
      return kind === 'endpoint'
        ? dataPlatform.listEndpoints({ ...query, include: 'schema' }, request)
        : dataPlatform.listWorkflows({ ...query, include: 'io' }, request);
    });
  }

  /**
   * Applies one page: its entities whose hash changed as one delta
   * mutation, with the removal of the provider's entities for items that
   * are now declared by a team or outside the configured namespaces; then
   * records the hashes, seen by `generation`.
   */
  private async applyPage(
    kind: EmittedKind,
    items: Item[],
    generation: number,
    declarations: Declarations,
    counts: SyncCounts,
  ) {
    const options = this.entityOptions(declarations);
    const emitted: { entity: Entity; entityRef: string; hash: string }[] = [];
    const withdrawn: string[] = [];
    for (const item of items) {
      counts[kind === 'endpoint' ? 'endpoints' : 'workflows'] += 1;
      const ownRef =
        kind === 'endpoint' ? endpointRef(item) : workflowRef(item);
      if (declarations.refOf(kind, item)) {
        counts.declared += 1;
        withdrawn.push(ownRef);
        continue;
      }
      if (!options.includesNamespace(item.namespace)) {
        withdrawn.push(ownRef);
        continue;
      }
      const entity =
        kind === 'endpoint'
          ? endpointEntity(item as EndpointSummary, options)
          : workflowEntity(item as WorkflowSummary, options);
      emitted.push({
        entity,
        entityRef: stringifyEntityRef(entity),
        hash: entityHash(entity),
      });
    }
    const stored = await this.options.state.hashes([
      ...emitted.map(e => e.entityRef),
      ...withdrawn,
    ]);
    const changed = emitted.filter(e => stored.get(e.entityRef) !== e.hash);
    const removed = withdrawn.filter(ref => stored.has(ref));
    if (changed.length > 0 || removed.length > 0) {
      await this.requireConnection().applyMutation({
        type: 'delta',
        added: changed.map(e => ({
          entity: e.entity,
          locationKey: LOCATION_KEY,
        })),
        removed: removed.map(entityRef => ({
          entityRef,
          locationKey: LOCATION_KEY,
        })),
      });
      await this.options.state.forget(removed);
    }
    await this.options.state.record(
      emitted.map(e => ({ entityRef: e.entityRef, kind, hash: e.hash })),
      generation,
    );
    counts.applied += changed.length;
    counts.unchanged += emitted.length - changed.length;
    counts.removed += removed.length;
  }

  /** Removes, in chunks, the entities no page of `generation` had. */
  private async removeUnseen(generation: number): Promise<number> {
    const { state } = this.options;
    let removed = 0;
    for (;;) {
      const refs = await state.unseenSince(generation, REMOVAL_CHUNK);
      if (refs.length === 0) return removed;
      await this.requireConnection().applyMutation({
        type: 'delta',
        added: [],
        removed: refs.map(entityRef => ({
          entityRef,
          locationKey: LOCATION_KEY,
        })),
      });
      await state.forget(refs);
      removed += refs.length;
    }
  }

  private entityOptions(declarations: Declarations): EntityOptions {
    const { config } = this.options;
    const included = config.namespaces && new Set(config.namespaces);
    return {
      lifecycle: config.lifecycle,
      appBaseUrl: config.appBaseUrl,
      includesNamespace: namespace => !included || included.has(namespace),
      declaredEndpointRef: endpoint => declarations.refOf('endpoint', endpoint),
    };
  }
}

function emptyCounts(): SyncCounts {
  return {
    endpoints: 0,
    workflows: 0,
    applied: 0,
    unchanged: 0,
    declared: 0,
    removed: 0,
  };
}
