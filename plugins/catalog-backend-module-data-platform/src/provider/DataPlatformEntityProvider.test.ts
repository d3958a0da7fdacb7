import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  EndpointSummary,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import { DataPlatformService } from '@data-platform/plugin-data-platform-node';
import { ProviderConfig } from '../config/readProviderConfig';
import { declarationsOf } from '../declarations/readDeclarations';
import { endpointRef, workflowRef } from '../entities/dataPlatformEntities';
import { ProviderStateStore } from '../state/ProviderStateStore';
import {
  CHANGE_OVERLAP_MS,
  DataPlatformEntityProvider,
} from './DataPlatformEntityProvider';

// The module's test runs the provider against the real metadata service;
// these drive it with a metadata service in memory, to change, remove and
// break items between syncs, against the provider's state table on each
// database.

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const config: ProviderConfig = {
  schedule: { frequency: { minutes: 10 }, timeout: { minutes: 15 } },
  deltaSchedule: { frequency: { seconds: 30 }, timeout: { minutes: 5 } },
  lifecycle: 'production',
  pageSize: 2,
  appBaseUrl: 'https://backstage.example.com',
};

type Stored<T> = T & { changedAt: string };

/** A metadata service in memory, with the lists' filters and cursors. */
class FakeService {
  endpoints: Stored<EndpointSummary>[] = [];
  workflows: Stored<WorkflowSummary>[] = [];
  failWorkflows = false;
  listed: { kind: string; filters: Record<string, unknown> }[] = [];
  private clock = Date.parse('2026-12-01T00:00:00Z');

  tick() {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  endpoint(name: string, namespace = 'ns', fields = ['a']) {
    const existing = this.endpoints.find(
      e => e.namespace === namespace && e.name === name,
    );
    const item: Stored<EndpointSummary> = {
      id: `ep_${namespace}_${name}`,
      namespace,
      name,
      tags: [],
      fieldCount: fields.length,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      schema: {
        version: 1,
        fields: fields.map(f => ({ name: f, type: 'string' })),
        createdAt: '2026-01-01T00:00:00Z',
      },
      changedAt: this.tick(),
    };
    if (existing) Object.assign(existing, item);
    else this.endpoints.push(item);
  }

  workflow(
    name: string,
    inputs: string[],
    outputs: string[],
    namespace = 'ns',
  ) {
    const ref = (n: string) => ({ id: `ep_ns_${n}`, namespace: 'ns', name: n });
    this.workflows = this.workflows.filter(w => w.name !== name);
    this.workflows.push({
      id: `wf_${name}`,
      namespace,
      name,
      tags: [],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      inputs: inputs.map(ref),
      outputs: outputs.map(ref),
      changedAt: this.tick(),
    });
  }

  service(): DataPlatformService {
    const list =
      <T extends Stored<{ namespace: string }>>(
        kind: string,
        items: () => T[],
      ) =>
      async (filters: Record<string, any>) => {
        this.listed.push({ kind, filters });
        if (kind === 'workflows' && this.failWorkflows) {
          throw await ResponseError.fromResponse(
            new Response('{}', {
              status: 503,
              headers: { 'content-type': 'application/json' },
            }),
          );
        }
        let all = items().filter(
          i => !filters.namespace || i.namespace === filters.namespace,
        );
        if (filters.changedAfter) {
          all = all
            .filter(i => i.changedAt > filters.changedAfter)
            .sort((a, b) => a.changedAt.localeCompare(b.changedAt));
        }
        const start = Number(filters.cursor ?? 0);
        const end = start + filters.limit;
        return {
          items: all.slice(start, end),
          ...(end < all.length && { nextCursor: String(end) }),
        };
      };
    return {
      listEndpoints: list('endpoints', () => this.endpoints),
      listWorkflows: list('workflows', () => this.workflows),
    } as unknown as DataPlatformService;
  }
}

describe.each(databases.eachSupportedId())(
  'DataPlatformEntityProvider on %s',
  databaseId => {
    async function setUp(
      options: {
        namespaces?: string[];
        declared?: {
          kind: 'endpoint' | 'workflow';
          name: string;
          ref: string;
        }[];
      } = {},
    ) {
      const knex = await databases.init(databaseId);
      const state = await ProviderStateStore.create(
        mockServices.database({ knex }),
      );
      const fake = new FakeService();
      // Read at each sync: a test may declare more between syncs.
      const declared = options.declared ?? [];
      const provider = new DataPlatformEntityProvider({
        config: { ...config, namespaces: options.namespaces },
        dataPlatform: fake.service(),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        scheduler: mockServices.scheduler.mock(),
        state,
        readDeclarations: async () =>
          declarationsOf(
            declared.map(d => ({
              kind: d.kind,
              namespace: 'ns',
              name: d.name,
              entityRef: d.ref,
            })),
          ),
      });
      const mutations: EntityProviderMutation[] = [];
      const connection: EntityProviderConnection = {
        applyMutation: async mutation => {
          mutations.push(mutation);
        },
        refresh: async () => {},
      };
      await provider.connect(connection);
      /** Refs added and removed since the last call. */
      const applied = () => {
        const taken = mutations.splice(0);
        const added: string[] = [];
        const removed: string[] = [];
        for (const m of taken) {
          expect(m.type).toBe('delta');
          if (m.type !== 'delta') continue;
          for (const a of m.added) {
            expect(a.locationKey).toBe('data-platform');
            added.push(
              `${a.entity.kind}:${
                a.entity.metadata.annotations![
                  'data-platform.io/openlineage-name'
                ]
              }`,
            );
          }
          for (const r of m.removed) {
            removed.push('entityRef' in r ? r.entityRef : '');
          }
        }
        return { added: added.sort(), removed: removed.sort(), taken };
      };
      return { provider, fake, applied, state, declared };
    }

    it('applies what changed, skips what did not, removes what vanished', async () => {
      const { provider, fake, applied } = await setUp();
      fake.endpoint('raw');
      fake.endpoint('clean');
      fake.endpoint('legacy');
      fake.workflow('load', ['raw'], ['clean']);

      await expect(provider.refresh()).resolves.toMatchObject({
        endpoints: 3,
        workflows: 1,
        applied: 4,
        unchanged: 0,
      });
      expect(applied().added).toEqual([
        'API:clean',
        'API:legacy',
        'API:raw',
        'Component:load',
      ]);

      // Nothing changed: nothing applied.
      await expect(provider.refresh()).resolves.toMatchObject({
        applied: 0,
        unchanged: 4,
        removed: 0,
      });
      expect(applied().taken).toEqual([]);

      // A new schema for clean, legacy gone, load reads legacy no more.
      fake.endpoint('clean', 'ns', ['a', 'b']);
      fake.endpoints = fake.endpoints.filter(e => e.name !== 'legacy');
      await expect(provider.refresh()).resolves.toMatchObject({
        applied: 1,
        unchanged: 2,
        removed: 1,
      });
      const { added, removed } = applied();
      expect(added).toEqual(['API:clean']);
      expect(removed).toEqual([
        endpointRef({ namespace: 'ns', name: 'legacy' }),
      ]);
    });

    it('removes nothing when a sync fails part way', async () => {
      const { provider, fake, applied } = await setUp();
      fake.endpoint('raw');
      fake.endpoint('old');
      fake.workflow('load', ['raw'], []);
      await provider.refresh();
      applied();

      fake.endpoints = fake.endpoints.filter(e => e.name !== 'old');
      fake.failWorkflows = true;
      await expect(provider.refresh()).rejects.toBeInstanceOf(ResponseError);
      expect(applied().removed).toEqual([]);

      // The next complete sync removes it; the workflow is still there.
      fake.failWorkflows = false;
      await expect(provider.refresh()).resolves.toMatchObject({ removed: 1 });
      expect(applied().removed).toEqual([
        endpointRef({ namespace: 'ns', name: 'old' }),
      ]);
    });

    it('leaves declared items to their entity and names it in refs', async () => {
      const { provider, fake, applied, declared } = await setUp();
      fake.endpoint('raw');
      fake.endpoint('clean');
      fake.workflow('load', ['raw'], ['clean']);
      await provider.refresh();
      applied();

      // The team declares clean: the provider removes its own and the
      // workflow provides the declared entity.
      declared.push({
        kind: 'endpoint',
        name: 'clean',
        ref: 'api:team/clean-orders',
      });
      const counts = await provider.refresh();
      expect(counts).toMatchObject({ declared: 1, removed: 1, applied: 1 });
      const { added, removed, taken } = applied();
      expect(added).toEqual(['Component:load']);
      expect(removed).toEqual([
        endpointRef({ namespace: 'ns', name: 'clean' }),
      ]);
      const load = taken
        .flatMap(m => (m.type === 'delta' ? m.added : []))
        .find(a => a.entity.kind === 'Component')!.entity;
      expect(load.spec).toMatchObject({
        consumesApis: [endpointRef({ namespace: 'ns', name: 'raw' })],
        providesApis: ['api:team/clean-orders'],
      });
    });

    it('polls only what changed since its watermark', async () => {
      const { provider, fake, applied, state } = await setUp();
      // Before any full sync the poll does nothing.
      await expect(provider.applyChanges()).resolves.toMatchObject({
        applied: 0,
      });
      fake.endpoint('raw');
      fake.endpoint('clean');
      fake.workflow('load', ['raw'], ['clean']);
      await provider.refresh();
      applied();
      // As if the sync ran before these changes' times.
      await state.setWatermark('endpoint', fake.tick());
      await state.setWatermark('workflow', fake.tick());
      const mark = await state.watermark('endpoint');

      fake.listed = [];
      fake.endpoint('clean', 'ns', ['a', 'z']);
      fake.workflow('load', ['raw', 'clean'], []);
      await expect(provider.applyChanges()).resolves.toMatchObject({
        endpoints: 2,
        workflows: 1,
        applied: 2,
        // raw is re-read within the overlap, and skipped by its hash.
        unchanged: 1,
      });
      expect(applied().added).toEqual(['API:clean', 'Component:load']);
      expect(fake.listed[0].filters).toMatchObject({
        include: 'schema',
        changedAfter: new Date(
          Date.parse(mark!) - CHANGE_OVERLAP_MS,
        ).toISOString(),
      });
      expect(await state.watermark('endpoint')).toBe(
        fake.endpoints.find(e => e.name === 'clean')!.changedAt,
      );

      // Nothing new: nothing applied.
      await provider.applyChanges();
      expect(applied().taken).toEqual([]);
    });

    it('lists each configured namespace and withdraws those left out', async () => {
      const { provider, fake, applied } = await setUp({
        namespaces: ['one', 'two'],
      });
      fake.endpoint('a', 'one');
      fake.endpoint('b', 'one');
      fake.endpoint('c', 'one');
      fake.endpoint('d', 'two');
      fake.endpoint('x', 'three');
      await expect(provider.refresh()).resolves.toMatchObject({
        endpoints: 4,
        applied: 4,
      });
      expect(
        fake.listed
          .filter(l => l.kind === 'endpoints')
          .map(l => [l.filters.namespace, l.filters.cursor]),
      ).toEqual([
        ['one', undefined],
        ['one', '2'],
        ['two', undefined],
      ]);
      expect(applied().added).not.toContain('API:x');
    });

    it('refuses to sync before the catalog connected it', async () => {
      const knex = await databases.init(databaseId);
      const provider = new DataPlatformEntityProvider({
        config,
        dataPlatform: new FakeService().service(),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        scheduler: mockServices.scheduler.mock(),
        state: await ProviderStateStore.create(mockServices.database({ knex })),
        readDeclarations: async () => declarationsOf([]),
      });
      await expect(provider.refresh()).rejects.toThrow(/not connected/);
      expect(workflowRef({ namespace: 'a', name: 'b' })).toMatch(
        /^component:default\//,
      );
    });
  },
);
