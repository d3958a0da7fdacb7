import { TestDatabases } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { runEvent } from '../__testUtils__/events';
import {
  getAsUser,
  ingestBatch,
  startService,
} from '../__testUtils__/testService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ownership = (owner: string) => ({
  ownership: {
    _producer: 'p',
    _schemaURL: 's',
    owners: [{ name: owner, type: 'OWNER' }],
  },
});

/** Each owner spelling the filter must tell apart, keyed by a short name. */
const owners: Record<string, string> = {
  defaultGroup: 'group:default/ads-measurement',
  otherNamespace: 'group:marketing/ads-measurement',
  shortGroup: 'group:ads-measurement',
  team: 'team:ads-measurement',
  bare: 'ads-measurement',
  upperCase: 'Group:Default/Ads-Measurement',
  prefix: 'group:default/ads',
  suffix: 'group:default/measurement',
  longer: 'group:default/ads-measurement-eu',
  nested: 'group:default/x-ads-measurement',
  pattern: 'group:default/ads_measurement',
};

/** An event whose one output endpoint and whose job both have the owner. */
function ownedBy(key: string) {
  return runEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-11-30T04:00:00Z',
    job: { namespace: 'owners', name: key, facets: ownership(owners[key]) },
    outputs: [
      { namespace: 'owners', name: key, facets: ownership(owners[key]) },
    ],
  });
}

async function ingestOwners(server: Server) {
  const events = Object.keys(owners).map(ownedBy);
  expect((await ingestBatch(server, events)).status).toBe(200);
}

describe.each(databases.eachSupportedId())('owner filter on %s', databaseId => {
  let server: Server;
  beforeAll(async () => {
    server = await startService(await databases.init(databaseId));
    await ingestOwners(server);
  });

  const names = async (list: string, owner: string) => {
    const res = await getAsUser(
      server,
      `${list}?limit=100&owner=${encodeURIComponent(owner)}`,
    );
    expect(res.status).toBe(200);
    return res.body.items.map((item: any) => item.name).sort();
  };

  // The owners that resolve to the team's Group, in any namespace; a bare
  // name resolves to nothing (README, Ownership).
  const teamSpellings = [
    'defaultGroup',
    'otherNamespace',
    'shortGroup',
    'team',
    'upperCase',
  ].sort();

  it.each(['endpoints', 'workflows'])(
    'matches every owner resolving to a Group of the team name on %s',
    async list => {
      expect(await names(list, 'ads-measurement')).toEqual(teamSpellings);
      expect(await names(list, 'ADS-Measurement')).toEqual(teamSpellings);
    },
  );

  it.each(['endpoints', 'workflows'])(
    'matches a resolved ref, whatever its spelling, on %s',
    async list => {
      const defaultGroup = ['defaultGroup', 'shortGroup', 'team', 'upperCase'];
      expect(await names(list, 'group:default/ads-measurement')).toEqual(
        defaultGroup,
      );
      expect(await names(list, 'group:ads-measurement')).toEqual(defaultGroup);
      expect(await names(list, 'team:ads-measurement')).toEqual(defaultGroup);
      expect(await names(list, 'GROUP:MARKETING/ADS-MEASUREMENT')).toEqual([
        'otherNamespace',
      ]);
      expect(await names(list, 'group:other/ads-measurement')).toEqual([]);
    },
  );

  it.each(['endpoints', 'workflows'])(
    'does not match a team whose name only contains the value on %s',
    async list => {
      expect(await names(list, 'ads')).toEqual(['prefix']);
      expect(await names(list, 'measurement')).toEqual(['suffix']);
      expect(await names(list, 'ads-measurement-eu')).toEqual(['longer']);
      // LIKE's pattern characters in the value match only themselves.
      expect(await names(list, 'ads_measurement')).toEqual(['pattern']);
      expect(await names(list, '%')).toEqual([]);
    },
  );

  it.each(['endpoints', 'workflows'])(
    'lists the unowned apart on %s',
    async list => {
      const res = await getAsUser(server, `${list}?limit=100&unowned=true`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          name: 'bare',
          observedOwner: 'ads-measurement',
          ownerRule: 'unowned',
          unownedReason: 'unrecognized',
        }),
      ]);
      expect(res.body.items[0].owner).toBeUndefined();
      const owned = await getAsUser(server, `${list}?limit=100&unowned=false`);
      expect(owned.body.items).toHaveLength(Object.keys(owners).length - 1);
      const bad = await getAsUser(server, `${list}?unowned=maybe`);
      expect(bad.status).toBe(400);
    },
  );
});
