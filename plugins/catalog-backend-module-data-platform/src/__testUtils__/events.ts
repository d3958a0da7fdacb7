import { randomUUID } from 'node:crypto';

// Small OpenLineage event builders, after the metadata service's own test
// utilities (plugins/data-platform-backend/src/__testUtils__/events.ts).

export type Dataset = {
  namespace: string;
  name: string;
  facets?: Record<string, unknown>;
};

const PRODUCER = 'https://example.com/catalog-module-tests';

/** A completed run of a job that read `inputs` and wrote `outputs`. */
export function completedRun(options: {
  eventTime: string;
  job: { namespace: string; name: string; facets?: Record<string, unknown> };
  inputs?: Dataset[];
  outputs?: Dataset[];
}) {
  return {
    eventType: 'COMPLETE',
    eventTime: options.eventTime,
    producer: PRODUCER,
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID(), facets: {} },
    job: options.job,
    inputs: options.inputs ?? [],
    outputs: options.outputs ?? [],
  };
}

export function schemaFacet(fields: { name: string; type: string }[]) {
  return {
    schema: {
      _producer: PRODUCER,
      _schemaURL:
        'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json',
      fields,
    },
  };
}

export function ownershipFacet(owner: string) {
  return {
    ownership: {
      _producer: PRODUCER,
      _schemaURL:
        'https://openlineage.io/spec/facets/1-0-1/OwnershipDatasetFacet.json',
      owners: [{ name: owner, type: 'MAINTAINER' }],
    },
  };
}

export function tagsFacet(tags: { key: string; value: string }[]) {
  return {
    tags: {
      _producer: PRODUCER,
      _schemaURL:
        'https://openlineage.io/spec/facets/1-0-0/TagsDatasetFacet.json',
      tags: tags.map(tag => ({ ...tag, source: 'MANUAL' })),
    },
  };
}
