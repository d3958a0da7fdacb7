/** Which of the three OpenLineage event types an event is. */
export type EventKind = 'run' | 'dataset' | 'job';

/** A dataset as it appears in an event. */
export type OpenLineageDataset = {
  namespace: string;
  name: string;
  facets?: Record<string, any>;
  inputFacets?: Record<string, any>;
  outputFacets?: Record<string, any>;
};

/**
 * An OpenLineage event after validation: RunEvent, DatasetEvent or JobEvent.
 * Facet contents stay loosely typed; the derivation reads what it knows.
 */
export type OpenLineageEvent = {
  eventTime: string;
  producer: string;
  schemaURL: string;
  eventType?: 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';
  run?: { runId: string; facets?: Record<string, any> };
  job?: { namespace: string; name: string; facets?: Record<string, any> };
  dataset?: OpenLineageDataset;
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
};
