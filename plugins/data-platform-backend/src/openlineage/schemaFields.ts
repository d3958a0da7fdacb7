import {
  SchemaChange,
  SchemaField,
} from '@data-platform/plugin-data-platform-common';
import { createHash } from 'node:crypto';

/** The fields of a schema facet, reduced to what a version is made of. */
export function normalizeFields(raw: unknown): SchemaField[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(f => f && typeof f.name === 'string')
    .map(f => {
      const field: SchemaField = { name: f.name };
      if (typeof f.type === 'string') field.type = f.type;
      if (typeof f.description === 'string') field.description = f.description;
      const nested = normalizeFields(f.fields);
      if (nested.length) field.fields = nested;
      return field;
    });
}

/**
 * A schema version: two schemas with the same fields (names, types,
 * descriptions, nesting, order) hash the same, whatever run sent them. The
 * serialized fields are kept beside the hash, which is made from them, so
 * the store need not serialize them again.
 */
export function schemaVersion(fields: SchemaField[]): {
  fields: SchemaField[];
  json: string;
  hash: string;
} {
  const json = JSON.stringify(fields);
  return {
    fields,
    json,
    hash: createHash('sha256').update(json).digest('hex'),
  };
}

/** Every field's dotted path, nested fields included, with its type. */
export function flattenFields(
  fields: SchemaField[],
  prefix = '',
): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  for (const field of fields) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    result.set(path, field.type);
    for (const [nestedPath, type] of flattenFields(field.fields ?? [], path)) {
      result.set(nestedPath, type);
    }
  }
  return result;
}

/**
 * What changed from one schema to another. Removing a field or changing its
 * type breaks readers; adding one does not.
 */
export function diffFields(
  from: SchemaField[],
  to: SchemaField[],
): SchemaChange[] {
  const before = flattenFields(from);
  const after = flattenFields(to);
  const changes: SchemaChange[] = [];
  for (const [path, fromType] of before) {
    if (!after.has(path)) {
      changes.push({ path, change: 'removed', fromType, breaking: true });
    } else {
      const toType = after.get(path);
      if ((fromType ?? '').toLowerCase() !== (toType ?? '').toLowerCase()) {
        changes.push({
          path,
          change: 'type-changed',
          fromType,
          toType,
          breaking: true,
        });
      }
    }
  }
  for (const [path, toType] of after) {
    if (!before.has(path)) {
      changes.push({ path, change: 'added', toType, breaking: false });
    }
  }
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}
