import { Rng } from '../random/Rng';
import { schemaAt } from '../model/schemaVersions';
import { Endpoint, Field, Platform, Workflow } from '../model/types';
import { RunAttempt } from '../runs/simulateRuns';
import { Facet, LineageDataset, RunEvent } from './types';

/** The producer URI every simulated event carries. */
export const SIMULATOR_PRODUCER =
  'https://github.com/data-platform-for-backstage/runtime-simulator/tree/0.1.0';

const RUN_EVENT_SCHEMA =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

const FACET_SCHEMAS = {
  schema:
    'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
  dataSource:
    'https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet',
  datasetOwnership:
    'https://openlineage.io/spec/facets/1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet',
  storage:
    'https://openlineage.io/spec/facets/1-0-1/StorageDatasetFacet.json#/$defs/StorageDatasetFacet',
  datasetDocumentation:
    'https://openlineage.io/spec/facets/1-1-0/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet',
  columnLineage:
    'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
  dataQualityAssertions:
    'https://openlineage.io/spec/facets/1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet',
  outputStatistics:
    'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet',
  nominalTime:
    'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet',
  parent:
    'https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet',
  errorMessage:
    'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
  jobType:
    'https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
  sql: 'https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet',
  jobOwnership:
    'https://openlineage.io/spec/facets/1-0-1/OwnershipJobFacet.json#/$defs/OwnershipJobFacet',
  jobDocumentation:
    'https://openlineage.io/spec/facets/1-1-0/DocumentationJobFacet.json#/$defs/DocumentationJobFacet',
};

const facet = (
  schema: keyof typeof FACET_SCHEMAS,
  body: Record<string, unknown>,
): Facet => ({
  _producer: SIMULATOR_PRODUCER,
  _schemaURL: FACET_SCHEMAS[schema],
  ...body,
});

/** The catalog entity ref OpenLineage ownership facets name a team by. */
export const ownerRef = (team: string) => `group:default/${team}`;

/**
 * Builds the OpenLineage events of run attempts. Facets that do not change
 * between runs (schemas, ownership, documentation, column lineage, job
 * facets) are built once and shared between events: serializing them is
 * the only per-event cost, which is what makes the scale mode fast.
 */
export class RunEventBuilder {
  private readonly schemaFacets = new Map<Field[], Facet>();
  private readonly endpointFacets = new Map<number, Record<string, Facet>>();
  private readonly jobFacets = new Map<number, Record<string, Facet>>();
  private readonly lineageFacets = new Map<number, Facet>();

  constructor(private readonly platform: Platform) {}

  /** START and then COMPLETE or FAIL, in event time order. */
  events(attempt: RunAttempt): RunEvent[] {
    const workflow = attempt.workflow;
    const runFacets: Record<string, Facet> = {
      nominalTime: facet('nominalTime', {
        nominalStartTime: iso(attempt.nominalStart),
        nominalEndTime: iso(attempt.nominalEnd),
      }),
      parent: facet('parent', {
        run: { runId: attempt.parentRunId },
        job: { namespace: workflow.namespace, name: dagName(workflow) },
      }),
    };
    const job = {
      namespace: workflow.namespace,
      name: workflow.name,
      facets: this.jobFacetsOf(workflow),
    };
    const identity = (index: number): LineageDataset => {
      const e = this.platform.endpoints[index];
      return { namespace: e.namespace, name: e.name };
    };
    const start: RunEvent = {
      eventType: 'START',
      eventTime: iso(attempt.start),
      producer: SIMULATOR_PRODUCER,
      schemaURL: RUN_EVENT_SCHEMA,
      run: { runId: attempt.runId, facets: runFacets },
      job,
      inputs: workflow.inputs.map(identity),
      outputs: workflow.outputs.map(identity),
    };
    if (attempt.state === 'FAIL') {
      return [
        start,
        {
          ...start,
          eventType: 'FAIL',
          eventTime: iso(attempt.end),
          run: {
            runId: attempt.runId,
            facets: {
              ...runFacets,
              errorMessage: facet('errorMessage', {
                message: attempt.errorMessage ?? 'Run failed',
                programmingLanguage:
                  workflow.engine === 'bigquery' ? 'SQL' : 'Java',
              }),
            },
          },
        },
      ];
    }
    return [
      start,
      {
        ...start,
        eventType: 'COMPLETE',
        eventTime: iso(attempt.end),
        inputs: workflow.inputs.map(i => this.input(i, attempt)),
        outputs: workflow.outputs.map(o => this.output(o, attempt)),
      },
    ];
  }

  private input(index: number, attempt: RunAttempt): LineageDataset {
    const endpoint = this.platform.endpoints[index];
    // Raw events have no producer in the lineage: their readers are the
    // only ones who report their schema and owner.
    const facets: Record<string, Facet> =
      endpoint.level === 0
        ? {
            ...this.describedFacets(endpoint),
            schema: this.schemaFacet(schemaAt(endpoint, attempt.start)),
          }
        : { dataSource: this.describedFacets(endpoint).dataSource };
    const dataset: LineageDataset = {
      namespace: endpoint.namespace,
      name: endpoint.name,
      facets,
    };
    if (endpoint.assertions.length) {
      // Readers check the partition they read; results depend on the
      // partition only, so every reader of it reports the same.
      const rng = Rng.for(
        this.platform.seed,
        'quality',
        index,
        attempt.nominalStart,
      );
      dataset.inputFacets = {
        dataQualityAssertions: facet('dataQualityAssertions', {
          assertions: endpoint.assertions.map(a => ({
            assertion: a.assertion,
            success: !rng.chance(a.flaky ? 0.25 : 0.004),
            ...(a.column ? { column: a.column } : {}),
          })),
        }),
      };
    }
    return dataset;
  }

  private output(index: number, attempt: RunAttempt): LineageDataset {
    const endpoint = this.platform.endpoints[index];
    const rng = Rng.for(
      this.platform.seed,
      'volume',
      index,
      attempt.nominalStart,
    );
    const rowCount = Math.max(
      0,
      Math.round(endpoint.rowsPerPartition * (0.8 + 0.4 * rng.next())),
    );
    const size = rowCount * endpoint.bytesPerRow;
    const facets: Record<string, Facet> = {
      ...this.describedFacets(endpoint),
      schema: this.schemaFacet(schemaAt(endpoint, attempt.start)),
    };
    const lineage = this.lineageFacet(attempt.workflow, index);
    if (lineage) facets.columnLineage = lineage;
    return {
      namespace: endpoint.namespace,
      name: endpoint.name,
      facets,
      outputFacets: {
        outputStatistics: facet('outputStatistics', {
          rowCount,
          size,
          fileCount: Math.max(1, Math.ceil(size / 268_435_456)),
        }),
      },
    };
  }

  private schemaFacet(fields: Field[]): Facet {
    let cached = this.schemaFacets.get(fields);
    if (!cached) {
      cached = facet('schema', { fields });
      this.schemaFacets.set(fields, cached);
    }
    return cached;
  }

  private describedFacets(endpoint: Endpoint): Record<string, Facet> {
    let cached = this.endpointFacets.get(endpoint.index);
    if (!cached) {
      const source =
        endpoint.storage === 'bigquery' ? 'bigquery' : endpoint.namespace;
      cached = {
        dataSource: facet('dataSource', { name: source, uri: source }),
        // Raw events and Dataflow's files are Avro on GCS; tables are
        // BigQuery's own storage, which has no file format to name.
        storage: facet(
          'storage',
          endpoint.storage === 'bigquery'
            ? { storageLayer: 'bigquery' }
            : { storageLayer: 'gcs', fileFormat: 'avro' },
        ),
        ownership: facet('datasetOwnership', {
          owners: [{ name: ownerRef(endpoint.owner), type: 'MAINTAINER' }],
        }),
        documentation: facet('datasetDocumentation', {
          description: endpoint.description,
          contentType: 'text/plain',
        }),
      };
      this.endpointFacets.set(endpoint.index, cached);
    }
    return cached;
  }

  private lineageFacet(workflow: Workflow, output: number): Facet | undefined {
    const sources = workflow.columnLineage?.[output];
    if (!sources) return undefined;
    let cached = this.lineageFacets.get(output);
    if (!cached) {
      const fields: Record<string, unknown> = {};
      for (const source of sources) {
        if (!source.inputs.length) continue;
        fields[source.field] = {
          inputFields: source.inputs.map(i => {
            const e = this.platform.endpoints[i.endpoint];
            return {
              namespace: e.namespace,
              name: e.name,
              field: i.field,
              transformations: [
                {
                  type: 'DIRECT',
                  subtype: source.transformation,
                  masking: false,
                },
              ],
            };
          }),
        };
      }
      cached = facet('columnLineage', { fields });
      this.lineageFacets.set(output, cached);
    }
    return cached;
  }

  private jobFacetsOf(workflow: Workflow): Record<string, Facet> {
    let cached = this.jobFacets.get(workflow.index);
    if (!cached) {
      cached = {
        jobType: facet('jobType', {
          processingType: 'BATCH',
          integration: workflow.engine.toUpperCase(),
          jobType: workflow.engine === 'bigquery' ? 'QUERY' : 'JOB',
        }),
        ownership: facet('jobOwnership', {
          owners: [{ name: ownerRef(workflow.owner), type: 'MAINTAINER' }],
        }),
        documentation: facet('jobDocumentation', {
          description: workflow.description,
          contentType: 'text/plain',
        }),
      };
      if (workflow.sql) {
        cached.sql = facet('sql', { query: workflow.sql, dialect: 'bigquery' });
      }
      this.jobFacets.set(workflow.index, cached);
    }
    return cached;
  }
}

/** The scheduler DAG that starts a team's hourly or daily workflows. */
export function dagName(workflow: Workflow): string {
  return `${workflow.owner}.${workflow.schedule}_dag`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
