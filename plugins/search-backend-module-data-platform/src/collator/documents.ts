import {
  DATA_PLATFORM_SEARCH_TYPE,
  DataPlatformSearchDocument,
  EndpointDetail,
  SchemaField,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';

export { DATA_PLATFORM_SEARCH_TYPE };

/** `daily_plays` of `warehouse.analytics.daily_plays`; the whole name when it has no dots. */
export function shortNameOf(name: string): string {
  const trimmed = name.replace(/\.+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('.') + 1) || name;
}

type Field = { path: string; name: string; description?: string };

/** Every field of a schema, nested ones by their dotted path, depth first. */
export function flattenFields(fields: SchemaField[], prefix = ''): Field[] {
  return fields.flatMap(field => {
    const path = `${prefix}${field.name}`;
    return [
      { path, name: field.name, description: field.description },
      ...flattenFields(field.fields ?? [], `${path}.`),
    ];
  });
}

// Search engines split names differently: PostgreSQL's parser reads
// `raw.events.plays` as one host-like word, in which `plays` is never
// found; Lunr splits it at every dot and underscore. So the text has the
// short name and the other segments as words of their own, each once:
// both engines then find a table by its short name, and rank it above
// tables that only mention that name among their columns.
function nameWords(name: string): string[] {
  const shortName = shortNameOf(name);
  const prefix = name.slice(0, name.length - shortName.length);
  return [
    shortName,
    prefix
      .split(/[./:]+/)
      .filter(Boolean)
      .join(' '),
  ];
}

function text(parts: (string | undefined)[]): string {
  return parts
    .map(part => part?.trim())
    .filter(Boolean)
    .join('\n');
}

type Described = Pick<
  WorkflowSummary,
  'id' | 'namespace' | 'name' | 'description' | 'owner' | 'tags'
>;

// What endpoints and workflows share; an endpoint adds its fields.
function document(
  kind: DataPlatformSearchDocument['kind'],
  entity: Described,
  fields: Field[],
): DataPlatformSearchDocument {
  return {
    title: entity.name,
    text: text([
      ...nameWords(entity.name),
      entity.description,
      entity.namespace,
      entity.owner,
      entity.tags.join(' '),
      ...fields.map(field => text([field.name, field.description])),
    ]),
    location: `/data/${kind}s/${encodeURIComponent(entity.id)}`,
    kind,
    id: entity.id,
    namespace: entity.namespace,
    name: entity.name,
    shortName: shortNameOf(entity.name),
    owner: entity.owner,
    tags: entity.tags,
    fields: fields.map(field => field.path),
  };
}

export function endpointDocument(
  endpoint: Described & Pick<EndpointDetail, 'schema'>,
): DataPlatformSearchDocument {
  return document(
    'endpoint',
    endpoint,
    flattenFields(endpoint.schema?.fields ?? []),
  );
}

export function workflowDocument(
  workflow: Described,
): DataPlatformSearchDocument {
  return document('workflow', workflow, []);
}
