/** A team: a catalog Group that owns endpoints and workflows. */
export type Team = {
  /** The Group's entity name, e.g. `playback-insights`. */
  name: string;
  displayName: string;
  description: string;
  members: Person[];
};

/** A member of a team: a catalog User. */
export type Person = {
  name: string;
  displayName: string;
  email: string;
};

/** The engines workflows run on, each with its OpenLineage integration. */
export type Engine = 'bigquery' | 'flink' | 'dataflow';

export type Schedule = 'hourly' | 'daily';

/** A column of an endpoint's schema, nested for RECORD columns. */
export type Field = {
  name: string;
  type: string;
  description?: string;
  fields?: Field[];
};

/**
 * A change to an endpoint's schema from a given day of the simulation on.
 * `breaking` changes retype or drop a column that readers may depend on.
 */
export type SchemaChange =
  | { at: number; kind: 'add'; field: Field }
  | { at: number; kind: 'retype'; name: string; type: string }
  | { at: number; kind: 'drop'; name: string };

/** Where an output column comes from, for the columnLineage facet. */
export type ColumnSource = {
  field: string;
  inputs: { endpoint: number; field: string }[];
  transformation: 'IDENTITY' | 'AGGREGATION' | 'TRANSFORMATION';
};

/** A dataset: a raw event stream or a table or file set a workflow writes. */
export type Endpoint = {
  index: number;
  namespace: string;
  name: string;
  /** The team that owns it: a Group name. */
  owner: string;
  description: string;
  /** 0 for raw event endpoints; otherwise its producer's level. */
  level: number;
  /** The workflow that writes it; absent for raw event endpoints. */
  producer?: number;
  storage: 'gcs' | 'bigquery';
  /** The schema at the start of the history. */
  fields: Field[];
  /** Changes to the schema during the history, oldest first (`at` in ms). */
  evolution: SchemaChange[];
  /** Rows and bytes of a typical partition. */
  rowsPerPartition: number;
  bytesPerRow: number;
  /** Data quality checks run when a partition lands. */
  assertions: { assertion: string; column?: string; flaky: boolean }[];
};

/** A job: hourly or daily, reading endpoints and writing others. */
export type Workflow = {
  index: number;
  namespace: string;
  name: string;
  owner: string;
  description: string;
  engine: Engine;
  schedule: Schedule;
  /** Minutes after the partition closes at which the scheduler starts it. */
  startOffsetMinutes: number;
  /** Median run time in seconds. */
  medianDurationSeconds: number;
  /** Probability that one attempt fails. */
  failureRate: number;
  inputs: number[];
  outputs: number[];
  /** Per output endpoint, where each of its columns comes from. */
  columnLineage?: Record<number, ColumnSource[]>;
  sql?: string;
  level: number;
};

/** The whole simulated platform: who owns what, and what reads what. */
export type Platform = {
  seed: number;
  teams: Team[];
  endpoints: Endpoint[];
  workflows: Workflow[];
  /** Sum of every workflow's inputs and outputs: the lineage graph's edges. */
  edges: number;
};

/** How big a platform to simulate. */
export type PlatformOptions = {
  seed?: number;
  teams?: number;
  endpoints?: number;
  workflows?: number;
  /**
   * Input plus output edges over all workflows; the default gives each
   * workflow about three inputs.
   */
  edges?: number;
  /** The longest chain of workflows, raw events excluded. */
  depth?: number;
  /** Share of workflows that run hourly; the rest run daily. */
  hourlyShare?: number;
  /**
   * When schema changes can happen: from `historyStart` (default: 30 days
   * before today) for `historyDays` days (default 30). Runs are not bound
   * to it; any window can be simulated.
   */
  historyStart?: Date;
  historyDays?: number;
};
