import { Endpoint, Field } from './types';

/** An endpoint's schema from `from` (ms since the epoch) on. */
export type SchemaVersion = { from: number; fields: Field[] };

const cache = new WeakMap<Endpoint, SchemaVersion[]>();

/**
 * The endpoint's schema versions, oldest first. Computed once per endpoint
 * and shared by every event that mentions it, which keeps generating a
 * 100k-endpoint platform's events cheap.
 */
export function schemaVersions(endpoint: Endpoint): SchemaVersion[] {
  let versions = cache.get(endpoint);
  if (!versions) {
    versions = [{ from: -Infinity, fields: endpoint.fields }];
    let fields = endpoint.fields;
    for (const change of endpoint.evolution) {
      if (change.kind === 'add') {
        if (fields.some(f => f.name === change.field.name)) continue;
        fields = [...fields, change.field];
      } else if (change.kind === 'retype') {
        fields = fields.map(f =>
          f.name === change.name ? { ...f, type: change.type } : f,
        );
      } else {
        fields = fields.filter(f => f.name !== change.name);
      }
      versions.push({ from: change.at, fields });
    }
    cache.set(endpoint, versions);
  }
  return versions;
}

/** The endpoint's fields at time `at`. */
export function schemaAt(endpoint: Endpoint, at: number): Field[] {
  const versions = schemaVersions(endpoint);
  for (let v = versions.length - 1; v > 0; v--) {
    if (versions[v].from <= at) return versions[v].fields;
  }
  return versions[0].fields;
}
