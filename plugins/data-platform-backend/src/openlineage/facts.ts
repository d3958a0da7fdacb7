import { SchemaField } from '@data-platform/plugin-data-platform-common';

/**
 * What one event says about the platform, extracted without looking at the
 * store. The store merges facts so that the same set of events yields the
 * same state in any order, any number of times.
 */
export type Facts = {
  eventTime: Date;
  endpoints: EndpointFact[];
  workflow?: WorkflowFact;
  run?: RunFact;
  /** Run events: what the run read and wrote. */
  runIo: IoFact[];
  /** Job events: what the workflow reads and writes, declared statically. */
  jobIo: IoFact[];
  partitions: PartitionFact[];
  columnLineage: ColumnLineageFact[];
  assertions: AssertionFact[];
  metrics: MetricFact[];
};

export type EndpointAttributes = {
  description?: string;
  owner?: string;
  tags?: string[];
  storage?: { storageLayer?: string; fileFormat?: string };
  dataSource?: { name?: string; uri?: string };
};

export type EndpointFact = {
  id: string;
  namespace: string;
  name: string;
  attributes: EndpointAttributes;
  aliases: { namespace: string; name: string; type?: string }[];
  /** `json` is `fields` serialized, as stored and hashed. */
  schema?: { fields: SchemaField[]; json: string; hash: string };
};

export type WorkflowAttributes = {
  description?: string;
  owner?: string;
  tags?: string[];
  sql?: { query: string; dialect?: string };
  sourceCodeLocation?: Record<string, string>;
  jobType?: { processingType?: string; integration?: string; jobType?: string };
  parent?: { namespace: string; name: string };
};

export type WorkflowFact = {
  id: string;
  namespace: string;
  name: string;
  attributes: WorkflowAttributes;
};

export type RunEventType =
  | 'START'
  | 'RUNNING'
  | 'COMPLETE'
  | 'ABORT'
  | 'FAIL'
  | 'OTHER';

export type RunFact = {
  runId: string;
  workflowId: string;
  eventType: RunEventType;
  nominalStartTime?: Date;
  nominalEndTime?: Date;
  errorMessage?: string;
  parentRunId?: string;
  parentJob?: { namespace: string; name: string };
  facets: Record<string, unknown>;
};

export type IoFact = { endpointId: string; direction: 'input' | 'output' };

export type PartitionFact = {
  endpointId: string;
  runId: string;
  workflowId: string;
  key: string;
  nominalStartTime?: Date;
  nominalEndTime?: Date;
  landedAt: Date;
  rowCount?: number;
  bytes?: number;
  fileCount?: number;
};

export type ColumnLineageFact = {
  endpointId: string;
  /** Empty for dataset-level dependencies (the facet's `dataset` list). */
  field: string;
  inputNamespace: string;
  inputName: string;
  inputField: string;
  transformationType?: string;
  transformationSubtype?: string;
  transformationDescription?: string;
  masking?: boolean;
};

export type AssertionFact = {
  endpointId: string;
  runId?: string;
  assertion: string;
  column: string;
  success: boolean;
};

export type MetricFact = {
  endpointId: string;
  runId?: string;
  rowCount?: number;
  bytes?: number;
  fileCount?: number;
  columnMetrics: Record<string, unknown>;
};
