import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  apiEntityV1alpha1Validator,
  ApiEntity,
  componentEntityV1alpha1Validator,
  ComponentEntity,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KubernetesValidatorFunctions,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real metadata service, so that the provider reads what ingestion
// derived, over HTTP, with its service credentials.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import dataPlatformPlugin from '@data-platform/plugin-data-platform-backend';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import {
  completedRun,
  ownershipFacet,
  schemaFacet,
  tagsFacet,
} from '../__testUtils__/events';
import {
  DELTA_TASK_ID,
  PROVIDER_TASK_ID,
} from '../provider/DataPlatformEntityProvider';
import { catalogModuleDataPlatform } from './catalogModuleDataPlatform';

jest.setTimeout(60_000);

const rawPlays = {
  namespace: 'postgres://db:5432',
  name: 'public.raw_plays',
  facets: {
    ...schemaFacet([
      { name: 'user_id', type: 'string' },
      { name: 'played_at', type: 'timestamp' },
    ]),
    ...ownershipFacet('team:listening'),
    ...tagsFacet([
      { key: 'pii', value: 'true' },
      { key: 'Domain', value: 'Listening History' },
    ]),
  },
};
const legacyPlays = { namespace: 'postgres://db:5432', name: 'public.legacy' };
const dailyPlays = {
  namespace: 's3://warehouse',
  name: 'plays/daily',
  facets: {
    ...schemaFacet([{ name: 'plays', type: 'bigint' }]),
    ...ownershipFacet('group:default/analytics'),
  },
};
const clicks = { namespace: 'kafka://broker:9092', name: 'events.clicks' };
// Longer than a catalog name may be, with characters it may not hold.
const longName = `project.dataset.${'very_long_table_name_'.repeat(5)}v2`;
const longTable = { namespace: 'bigquery', name: longName };
const weeklyReport = {
  namespace: 's3://warehouse',
  name: 'reports/weekly',
  facets: ownershipFacet('ada@example.com'),
};

const loadPlays = {
  namespace: 'airflow',
  name: 'etl.load_plays',
  facets: ownershipFacet('user:default/ada'),
};
const aggregate = { namespace: 'spark', name: 'daily_plays.aggregate' };
const report = { namespace: 'airflow', name: 'report.weekly' };

const events = [
  // The first run read the legacy table too; the later one does not, so
  // the current lineage has only raw_plays as its input.
  completedRun({
    eventTime: '2026-01-01T01:00:00Z',
    job: loadPlays,
    inputs: [rawPlays, legacyPlays],
    outputs: [dailyPlays],
  }),
  completedRun({
    eventTime: '2026-01-02T01:00:00Z',
    job: loadPlays,
    inputs: [rawPlays],
    outputs: [dailyPlays],
  }),
  completedRun({
    eventTime: '2026-01-02T02:00:00Z',
    job: aggregate,
    inputs: [dailyPlays, clicks],
    outputs: [longTable],
  }),
  completedRun({
    eventTime: '2026-01-02T03:00:00Z',
    job: report,
    inputs: [longTable],
    outputs: [weeklyReport],
  }),
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The test database with a pool of at most two connections. */
async function smallPool(id: TestDatabaseId): Promise<Knex> {
  const given = await databases.init(id);
  if (given.client.config.client !== 'pg') return given;
  // Not connected yet: TestDatabases creates databases on its own connection.
  await given.destroy();
  return knexFactory({
    ...given.client.config,
    pool: { min: 0, max: 2, idleTimeoutMillis: 1_000 },
  });
}

/**
 * The metadata service and the module in a test backend, the events
 * ingested, the catalog holding `catalogEntities` (teams' declarations);
 * resolves to what one run of the provider's full sync added, and what a
 * second one, with nothing changed, applied.
 */
async function sync(
  id: TestDatabaseId,
  provider: object = {},
  catalogEntities: Entity[] = [],
) {
  const knex = await smallPool(id);
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const providers: EntityProvider[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (...added: unknown[]) => {
            providers.push(...(added.flat() as EntityProvider[]));
          },
          addProcessor: () => {},
        },
      ],
    ],
    features: [
      dataPlatformPlugin,
      catalogModuleDataPlatform,
      catalogServiceMock.factory({ entities: catalogEntities }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://backstage.example.com/' },
          dataPlatform: { ingestion: { derivation: { mode: 'inline' } } },
          // Pages of two, so every list takes several.
          catalog: {
            providers: { dataPlatform: { pageSize: 2, ...provider } },
          },
        },
      }),
      mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.push(task);
        },
      }).factory,
    ],
  });
  try {
    const { port } = backend.server.address() as AddressInfo;
    const response = await fetch(
      `http://localhost:${port}/api/data-platform/v1/lineage/batch`,
      {
        method: 'POST',
        headers: {
          authorization: mockCredentials.service.header(),
          'content-type': 'application/json',
        },
        body: JSON.stringify(events),
      },
    );
    expect(response.status).toBe(200);

    expect(providers.map(p => p.getProviderName())).toEqual(['data-platform']);
    const mutations: EntityProviderMutation[] = [];
    const connection: EntityProviderConnection = {
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    };
    await providers[0].connect(connection);
    const task = tasks.find(t => t.id === PROVIDER_TASK_ID);
    expect(task).toMatchObject({ frequency: { minutes: 10 } });
    expect(tasks.find(t => t.id === DELTA_TASK_ID)).toMatchObject({
      frequency: { seconds: 30 },
    });
    await task!.fn(new AbortController().signal);

    // Delta mutations of the changed entities, a page at a time; nothing
    // to remove on a first sync.
    const added = mutations.flatMap(mutation => {
      expect(mutation.type).toBe('delta');
      if (mutation.type !== 'delta') return [];
      expect(mutation.removed).toEqual([]);
      return mutation.added;
    });
    for (const { locationKey } of added) {
      expect(locationKey).toBe('data-platform');
    }
    // A second sync with nothing changed applies nothing.
    mutations.length = 0;
    await task!.fn(new AbortController().signal);
    expect(mutations).toEqual([]);
    return added.map(e => e.entity);
  } finally {
    await backend.stop();
    if (knex.client.config.client === 'pg') await knex.destroy();
  }
}

function byOpenLineageName(entities: Entity[]) {
  return Object.fromEntries(
    entities.map(e => [
      e.metadata.annotations!['data-platform.io/openlineage-name'],
      e,
    ]),
  );
}

const ref = (entity: Entity) => stringifyEntityRef(entity);

describe.each(databases.eachSupportedId())('the provider, on %p', id => {
  it('puts every endpoint and workflow in the catalog with its lineage', async () => {
    const entities = await sync(id);
    const apis = entities.filter(e => e.kind === 'API') as ApiEntity[];
    const components = entities.filter(
      e => e.kind === 'Component',
    ) as ComponentEntity[];
    // Six endpoints and three workflows, in pages of two.
    expect(apis).toHaveLength(6);
    expect(components).toHaveLength(3);
    expect(apis.map(e => e.spec.type)).toEqual(Array(6).fill('dataset'));
    expect(components.map(e => e.spec.type)).toEqual(
      Array(3).fill('data-pipeline'),
    );
    const names = entities.map(e => e.metadata.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
    }

    const named = byOpenLineageName(entities);
    const raw = named['public.raw_plays'] as ApiEntity;
    const endpointId =
      raw.metadata.annotations!['data-platform.io/endpoint-id'];
    expect(endpointId).toMatch(/^ep_/);
    expect(raw.metadata).toMatchObject({
      title: 'public.raw_plays',
      tags: ['domain:listening-history', 'pii'],
      annotations: {
        'data-platform.io/openlineage-namespace': 'postgres://db:5432',
        'data-platform.io/openlineage-owner': 'team:listening',
        'backstage.io/view-url': `https://backstage.example.com/data/endpoints/${endpointId}`,
        'backstage.io/managed-by-location': `data-platform:https://backstage.example.com/data/endpoints/${endpointId}`,
      },
      links: [
        {
          url: `https://backstage.example.com/data/endpoints/${endpointId}`,
          title: 'Data platform',
        },
      ],
    });
    expect(raw.spec).toMatchObject({
      lifecycle: 'production',
      owner: 'group:default/listening',
    });
    expect(JSON.parse(raw.spec.definition)).toEqual({
      version: 1,
      fields: [
        { name: 'user_id', type: 'string' },
        { name: 'played_at', type: 'timestamp' },
      ],
    });
    expect(
      JSON.parse((named['events.clicks'] as ApiEntity).spec.definition),
    ).toEqual({ fields: [] });
    expect(named['plays/daily'].spec?.owner).toBe('group:default/analytics');
    expect(named['reports/weekly'].spec?.owner).toBe('unknown');
    expect(named['events.clicks'].spec?.owner).toBe('unknown');

    // The full name stays in the title and annotation.
    const long = named[longName];
    expect(long.metadata.title).toBe(longName);
    expect(long.metadata.name).toMatch(/^[-\w.]+-[0-9a-f]{12}$/);
    expect(long.metadata.name.length).toBeLessThanOrEqual(63);

    const load = named['etl.load_plays'] as ComponentEntity;
    const workflowId =
      load.metadata.annotations!['data-platform.io/workflow-id'];
    expect(workflowId).toMatch(/^wf_/);
    expect(load.metadata.annotations).toMatchObject({
      'backstage.io/view-url': `https://backstage.example.com/data/workflows/${workflowId}`,
      'data-platform.io/openlineage-namespace': 'airflow',
    });
    expect(load.spec).toMatchObject({
      owner: 'user:default/ada',
      lifecycle: 'production',
      // The current lineage: the later run no longer reads the legacy table.
      consumesApis: [ref(raw)],
      providesApis: [ref(named['plays/daily'])],
    });
    expect(named['public.legacy'].kind).toBe('API');
    const aggregateEntity = named['daily_plays.aggregate'] as ComponentEntity;
    expect(aggregateEntity.spec.owner).toBe('unknown');
    expect([...aggregateEntity.spec.consumesApis!].sort()).toEqual(
      [ref(named['plays/daily']), ref(named['events.clicks'])].sort(),
    );
    expect(aggregateEntity.spec.providesApis).toEqual([ref(long)]);

    // Every ref names an emitted API entity.
    const apiRefs = new Set(apis.map(ref));
    for (const component of components) {
      for (const api of [
        ...component.spec.consumesApis!,
        ...component.spec.providesApis!,
      ]) {
        expect(apiRefs).toContain(api);
      }
    }
  });

  it('emits entities the catalog accepts', async () => {
    const entities = await sync(id);
    // The policies the catalog applies to every entity, then the kinds'
    // validators, as its built-in processor does.
    const policies = EntityPolicies.allOf([
      new SchemaValidEntityPolicy(),
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
    ]);
    for (const entity of entities) {
      await expect(policies.enforce(entity)).resolves.toBeDefined();
      const validator =
        entity.kind === 'API'
          ? apiEntityV1alpha1Validator
          : componentEntityV1alpha1Validator;
      await expect(validator.check(entity)).resolves.toBe(true);
    }
  });

  it('leaves a declared endpoint to its entity and names it in refs', async () => {
    const declared: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'daily-plays',
        namespace: 'analytics',
        annotations: {
          'data-platform.io/openlineage-namespace': 's3://warehouse',
          'data-platform.io/openlineage-name': 'plays/daily',
          'backstage.io/managed-by-location':
            'url:https://git.example.com/catalog-info.yaml',
        },
      },
      spec: { type: 'dataset', lifecycle: 'production', owner: 'analytics' },
    };
    const entities = await sync(id, {}, [declared]);
    const named = byOpenLineageName(entities);
    expect(named['plays/daily']).toBeUndefined();
    expect(entities).toHaveLength(8);
    expect(named['etl.load_plays'].spec?.providesApis).toEqual([
      'api:analytics/daily-plays',
    ]);
    expect(named['daily_plays.aggregate'].spec?.consumesApis).toContain(
      'api:analytics/daily-plays',
    );
  });

  it('keeps to the configured namespaces and lifecycle', async () => {
    const entities = await sync(id, {
      namespaces: ['airflow', 's3://warehouse', 'postgres://db:5432'],
      lifecycle: 'experimental',
    });
    const named = byOpenLineageName(entities);
    expect(Object.keys(named).sort()).toEqual([
      'etl.load_plays',
      'plays/daily',
      'public.legacy',
      'public.raw_plays',
      'report.weekly',
      'reports/weekly',
    ]);
    for (const entity of entities) {
      expect(entity.spec?.lifecycle).toBe('experimental');
    }
    // The BigQuery table it reads is not in the catalog: no ref to it.
    expect(named['report.weekly'].spec).toMatchObject({
      consumesApis: [],
      providesApis: [ref(named['reports/weekly'])],
    });
  });
});
