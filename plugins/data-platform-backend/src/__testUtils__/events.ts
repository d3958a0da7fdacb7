import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The OpenLineage conformance corpus (fixtures/openlineage at the repository root). */
export const corpus = resolve(__dirname, '../../../../fixtures/openlineage');

export function readCorpus(...path: string[]): any {
  return JSON.parse(readFileSync(join(corpus, ...path), 'utf8'));
}

/** The 32 events of the real Airflow DAG run, in the order they were sent. */
export function airflowScenario(): any[] {
  const dir = join(corpus, 'scenarios/airflow/events');
  return readdirSync(dir)
    .sort()
    .map(file => JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

type Dataset = {
  namespace: string;
  name: string;
  facets?: any;
  outputFacets?: any;
  inputFacets?: any;
};

/** A RunEvent in the shape real producers send, for tests to vary. */
export function runEvent(options: {
  eventType: string;
  eventTime: string;
  runId?: string;
  job?: { namespace: string; name: string; facets?: any };
  inputs?: Dataset[];
  outputs?: Dataset[];
  runFacets?: any;
}) {
  return {
    eventType: options.eventType,
    eventTime: options.eventTime,
    producer:
      'https://github.com/OpenLineage/OpenLineage/tree/1.24.0/integration/spark',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId: options.runId ?? randomUUID(),
      facets: options.runFacets ?? {},
    },
    job: options.job ?? { namespace: 'spark', name: 'daily_plays.aggregate' },
    inputs: options.inputs ?? [],
    outputs: options.outputs ?? [],
  };
}

export function schemaFacet(
  fields: { name: string; type: string; fields?: any[] }[],
) {
  return {
    schema: {
      _producer: 'https://example.com/producer',
      _schemaURL:
        'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json',
      fields,
    },
  };
}
