import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { catalogName } from './entityName';

describe('catalogName', () => {
  it('keeps namespace and name readable, with a hash of both', () => {
    expect(catalogName('postgres://db:5432', 'public.plays')).toMatch(
      /^postgres-db-5432\.public\.plays-[0-9a-f]{12}$/,
    );
  });

  it('is stable', () => {
    expect(catalogName('s3://b', 'x/y')).toBe(catalogName('s3://b', 'x/y'));
  });

  it('tells apart identities that sanitise to the same text', () => {
    const names = [
      catalogName('a', 'b.c'),
      catalogName('a.b', 'c'),
      catalogName('a', 'b/c'),
      catalogName('a', 'b-c'),
      catalogName('A', 'b.c'),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps the end of the name when it is too long', () => {
    const name = `warehouse.${'x'.repeat(80)}.plays_daily`;
    const result = catalogName('bigquery', name);
    expect(result).toMatch(/x\.plays_daily-[0-9a-f]{12}$/);
    expect(result.length).toBe(63);
  });

  it.each([
    ['s3://bucket', '/'],
    ['', ''],
    ['ns', '---...___'],
    ['ns', 'été/données'],
    ['kafka://b', `_${'é'.repeat(70)}_`],
    ['x'.repeat(500), 'y'.repeat(1000)],
    ['ns', `${'a'.repeat(49)}.-b`],
  ])('is a valid catalog name for %p, %p', (namespace, name) => {
    const result = catalogName(namespace, name);
    expect(KubernetesValidatorFunctions.isValidObjectName(result)).toBe(true);
  });
});
