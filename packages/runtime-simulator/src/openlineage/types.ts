/** A facet: any object with the producer and schema it was written with. */
export type Facet = {
  _producer: string;
  _schemaURL: string;
  [key: string]: unknown;
};

/** A dataset as an OpenLineage RunEvent carries it. */
export type LineageDataset = {
  namespace: string;
  name: string;
  facets?: Record<string, Facet>;
  inputFacets?: Record<string, Facet>;
  outputFacets?: Record<string, Facet>;
};

/** An OpenLineage 2-0-2 RunEvent. */
export type RunEvent = {
  eventType: 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string; facets: Record<string, Facet> };
  job: { namespace: string; name: string; facets: Record<string, Facet> };
  inputs: LineageDataset[];
  outputs: LineageDataset[];
};
