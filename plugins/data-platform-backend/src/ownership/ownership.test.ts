import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { Server } from 'node:http';
import { runEvent } from '../__testUtils__/events';
import {
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';
import { readCatalog } from './catalogReader';
import { OwnershipStore } from './OwnershipStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const NS = 'owned';

/** An event whose job and one output, both named `name`, have the owner. */
function ownedBy(name: string, owner: string, time = '2026-11-30T04:00:00Z') {
  const ownership = {
    ownership: {
      _producer: 'p',
      _schemaURL: 's',
      owners: [{ name: owner, type: 'OWNER' }],
    },
  };
  return runEvent({
    eventType: 'COMPLETE',
    eventTime: time,
    job: { namespace: NS, name, facets: ownership },
    outputs: [{ namespace: NS, name, facets: ownership }],
  });
}

const ada = (group: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'ada' },
  spec: { profile: { email: 'Ada@Example.com' }, memberOf: [group] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});

const declaration = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: `${name}-api`,
    description: `${name}, as its team describes it`,
    annotations: {
      'backstage.io/managed-by-location': 'url:https://example.com/x.yaml',
      'data-platform.io/openlineage-namespace': NS,
      'data-platform.io/openlineage-name': name,
    },
  },
  spec: {
    type: 'dataset',
    lifecycle: 'production',
    owner,
    system: 'checkout',
    dataPlatform: { partitions: { cadence: 'daily', expectedBy: 'PT6H' } },
  },
});

describe.each(databases.eachSupportedId())(
  'owner resolution on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let store: OwnershipStore;
    const read = (entities: Entity[]) =>
      readCatalog({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        store,
      });
    const item = async (list: 'endpoints' | 'workflows', name: string) => {
      const res = await getAsUser(
        server,
        `${list}?namespace=${NS}&name=${name}`,
      );
      expect(res.status).toBe(200);
      return res.body.items[0];
    };
    const owners = async (list: 'endpoints' | 'workflows', name: string) => {
      const { owner, ownerRule } = await item(list, name);
      return { owner, ownerRule };
    };
    const listed = async (query: string) => {
      const res = await getAsUser(server, `endpoints?namespace=${NS}&${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((i: any) => i.name).sort();
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startService(knex, {
        dataPlatform: {
          owners: {
            mapping: [
              { owner: 'ADS-Oncall', entityRef: 'group:default/ads' },
              { owner: 'group:default/legacy', entityRef: 'platform' },
            ],
          },
        },
      });
      store = new OwnershipStore(knex);
      // Before the catalog is read: e-mail owners and declarations wait.
      const events = [
        ownedBy('by-ref', 'Group:Default/Listening'),
        ownedBy('by-team', 'team:playlists'),
        ownedBy('by-email', 'ada@example.com'),
        ownedBy('by-mapping', 'ads-oncall'),
        ownedBy('overridden', 'group:default/legacy'),
        ownedBy('masked', '***'),
        ownedBy('unknown', 'someone'),
        ownedBy('declared', 'group:default/observed'),
      ];
      const { status } = await ingestBatch(server, events);
      if (status !== 200) throw new Error(`ingestion answered ${status}`);
    });

    it('resolves each rule, on endpoints and workflows', async () => {
      for (const list of ['endpoints', 'workflows'] as const) {
        expect(await owners(list, 'by-ref')).toEqual({
          owner: 'group:default/listening',
          ownerRule: 'entity-ref',
        });
        expect(await owners(list, 'by-team')).toEqual({
          owner: 'group:default/playlists',
          ownerRule: 'team',
        });
        expect(await owners(list, 'by-mapping')).toEqual({
          owner: 'group:default/ads',
          ownerRule: 'mapping',
        });
        // The mapping goes before the entity-ref rule: operators override.
        expect(await owners(list, 'overridden')).toEqual({
          owner: 'group:default/platform',
          ownerRule: 'mapping',
        });
        expect(await item(list, 'masked')).toMatchObject({
          observedOwner: '***',
          ownerRule: 'unowned',
          unownedReason: 'masked',
        });
        expect(await item(list, 'unknown')).toMatchObject({
          observedOwner: 'someone',
          ownerRule: 'unowned',
          unownedReason: 'unrecognized',
        });
        // No catalog read yet: the address is nobody's.
        expect(await item(list, 'by-email')).toMatchObject({
          ownerRule: 'unowned',
          unownedReason: 'unknown-email',
        });
      }
      expect(await listed('unowned=true')).toEqual([
        'by-email',
        'masked',
        'unknown',
      ]);
    });

    it('resolves e-mail owners and declarations once the catalog is read', async () => {
      const result = await read([
        ada('measurement'),
        declaration('declared', 'orders'),
      ]);
      expect(result.users).toEqual({ changed: 1, reresolved: 2 });
      // Only the declared endpoint: a declaration of an API is an endpoint's.
      expect(result.declarations).toEqual({ changed: 1, reresolved: 1 });

      for (const list of ['endpoints', 'workflows'] as const) {
        expect(await owners(list, 'by-email')).toEqual({
          owner: 'group:default/measurement',
          ownerRule: 'email',
        });
      }
      const declared = await item('endpoints', 'declared');
      expect(declared).toMatchObject({
        owner: 'group:default/orders',
        observedOwner: 'group:default/observed',
        ownerRule: 'declared',
        description: 'declared, as its team describes it',
      });
      // The workflow of the same name is not declared.
      expect(await owners('workflows', 'declared')).toEqual({
        owner: 'group:default/observed',
        ownerRule: 'entity-ref',
      });

      // Lists filter on the declared owner, not the observed one.
      expect(await listed('owner=orders')).toEqual(['declared']);
      expect(await listed('owner=group:default/orders')).toEqual(['declared']);
      expect(await listed('owner=group:default/observed')).toEqual([]);

      const detail = await getAsUser(server, `endpoints/${declared.id}`);
      expect(detail.body.declaration).toEqual({
        entityRef: 'api:default/declared-api',
        owner: 'group:default/orders',
        lifecycle: 'production',
        system: 'system:default/checkout',
        description: 'declared, as its team describes it',
        partitions: {
          cadence: 'daily',
          expectedBy: 'PT6H',
          expectedBySeconds: 21600,
        },
        problems: [],
      });
    });

    it('resolves new events by what was read', async () => {
      await ingestBatch(server, [
        ownedBy('later-email', 'ADA@example.com'),
        // A declared endpoint whose events name another owner, seen anew.
        ownedBy('declared', 'team:someone-else', '2026-11-30T05:00:00Z'),
      ]);
      expect(await owners('endpoints', 'later-email')).toEqual({
        owner: 'group:default/measurement',
        ownerRule: 'email',
      });
      expect(await item('endpoints', 'declared')).toMatchObject({
        owner: 'group:default/orders',
        observedOwner: 'team:someone-else',
        ownerRule: 'declared',
      });
    });

    it('re-resolves only the rows whose facts changed', async () => {
      const before = await knex('endpoints')
        .whereNot('name', 'by-mapping')
        .orderBy('id')
        .select('id', 'owner_ref', 'owner_rule');

      const mapping = await store.syncDirectory(
        'mapping',
        new Map([
          ['ads-oncall', 'group:default/ads-v2'],
          ['group:default/legacy', 'group:default/platform'],
        ]),
      );
      // One entry changed; its owner text names one endpoint and one workflow.
      expect(mapping).toEqual({ changed: 1, reresolved: 2 });
      expect(await owners('endpoints', 'by-mapping')).toEqual({
        owner: 'group:default/ads-v2',
        ownerRule: 'mapping',
      });
      expect(
        await knex('endpoints')
          .whereNot('name', 'by-mapping')
          .orderBy('id')
          .select('id', 'owner_ref', 'owner_rule'),
      ).toEqual(before);
      expect(
        await store.syncDirectory(
          'mapping',
          new Map([
            ['ads-oncall', 'group:default/ads-v2'],
            ['group:default/legacy', 'group:default/platform'],
          ]),
        ),
      ).toEqual({ changed: 0, reresolved: 0 });

      // Ada moves team: her items follow (by-email and later-email, each an
      // endpoint and a workflow); the unchanged declaration is skipped.
      const moved = await read([
        ada('zeta'),
        declaration('declared', 'orders'),
      ]);
      expect(moved.users).toEqual({ changed: 1, reresolved: 4 });
      expect(moved.declarations).toEqual({ changed: 0, reresolved: 0 });
      expect(await owners('workflows', 'by-email')).toEqual({
        owner: 'group:default/zeta',
        ownerRule: 'email',
      });

      // The declaration's entity is gone: the observed owner is back.
      const gone = await read([ada('zeta')]);
      expect(gone.declarations).toEqual({ changed: 1, reresolved: 1 });
      const undeclared = await item('endpoints', 'declared');
      expect(undeclared).toMatchObject({
        owner: 'group:default/someone-else',
        ownerRule: 'team',
      });
      expect(undeclared.description).toBeUndefined();
      const detail = await getAsUser(
        server,
        `endpoints/${(await item('endpoints', 'declared')).id}`,
      );
      expect(detail.body.declaration).toBeUndefined();
    });

    it('keeps working when the catalog fails', async () => {
      const catalog = catalogServiceMock.mock({
        queryEntities: async () => {
          throw new Error('catalog is not installed');
        },
      });
      await expect(
        readCatalog({ catalog, auth: mockServices.auth(), store }),
      ).rejects.toThrow('catalog is not installed');
      // What was read before still resolves.
      expect(await owners('workflows', 'by-email')).toEqual({
        owner: 'group:default/zeta',
        ownerRule: 'email',
      });
    });
  },
);
