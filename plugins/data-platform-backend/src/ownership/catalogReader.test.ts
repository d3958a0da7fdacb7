import { Entity } from '@backstage/catalog-model';
import { declarationRows, usersByEmail } from './catalogReader';

const user = (
  name: string,
  email: string | undefined,
  groups: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: { profile: email ? { email } : {}, memberOf: [] },
  relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
});

describe('usersByEmail', () => {
  it('maps an address to the first group in sorted order, else the user', () => {
    expect(
      usersByEmail([
        user('ada', 'Ada@Example.com', [
          'group:default/zeta',
          'group:default/alpha',
        ]),
        user('bob', 'bob@example.com'),
        user('nomail', undefined, ['group:default/alpha']),
      ]),
    ).toEqual(
      new Map([
        ['ada@example.com', 'group:default/alpha'],
        ['bob@example.com', 'user:default/bob'],
      ]),
    );
  });

  it('gives a shared address to the first user by ref', () => {
    const both = [
      user('zed', 'team@example.com', ['group:default/z']),
      user('amy', 'team@example.com', ['group:default/a']),
    ];
    expect(usersByEmail(both).get('team@example.com')).toBe('group:default/a');
    expect(usersByEmail([...both].reverse()).get('team@example.com')).toBe(
      'group:default/a',
    );
  });
});

describe('declarationRows', () => {
  const declaring = (location: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'orders',
      annotations: {
        'backstage.io/managed-by-location': location,
        'data-platform.io/openlineage-namespace': 'bigquery',
        'data-platform.io/openlineage-name': 'shop.orders',
      },
    },
    spec: { type: 'dataset', owner: 'orders-team', lifecycle: 'production' },
  });

  it("reads teams' declarations and skips the data platform's own entities", () => {
    const rows = declarationRows([
      declaring('url:https://example.com/catalog-info.yaml'),
      declaring('data-platform:endpoints'),
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        entity_ref: 'api:default/orders',
        kind: 'endpoint',
        namespace: 'bigquery',
        name: 'shop.orders',
        owner_ref: 'group:default/orders-team',
      }),
    ]);
    expect(rows[0].target_id).toMatch(/^ep_/);
    // The same declaration hashes the same, so an unchanged one is skipped.
    expect(
      declarationRows([declaring('url:https://example.com/x.yaml')])[0].hash,
    ).toBe(rows[0].hash);
  });
});
