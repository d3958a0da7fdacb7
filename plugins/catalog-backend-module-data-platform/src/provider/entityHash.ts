import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal entities give equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // Code-unit order, as the keys' order must not follow the locale.
      .sort(([a], [b]) => Number(a > b) - Number(a < b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The SHA-256 of an entity's stable JSON, hex. */
export function entityHash(entity: unknown): string {
  return createHash('sha256').update(stableJson(entity)).digest('hex');
}
