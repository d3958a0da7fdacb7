import {
  DataPlatformOverview,
  DeadLetter,
  DerivationStatus,
  EndpointDetail,
  EndpointSummary,
  FailedDerivation,
  HealthStatus,
  ListFilters,
  Page,
  Partition,
  RawEvent,
  RunDetail,
  RunFilters,
  RunSummary,
  SchemaDiff,
  ValueList,
  ValueQuery,
  SchemaVersion,
  WorkflowDetail,
  WorkflowSummary,
} from '../types';
import {
  ColumnLineageGraph,
  ColumnLineageQuery,
  ImpactQuery,
  ImpactReport,
  LineageGraph,
  LineageQuery,
} from '../lineage';
import type { operations } from '../generated/openapi';

/**
 * Per-request options. A backend caller passes the token it obtained from
 * the auth service; in the browser the fetch API attaches the user's token.
 *
 * @public
 */
export type DataPlatformRequestOptions = {
  token?: string;
};

/**
 * The read API of the data platform metadata service.
 *
 * @public
 */
export interface DataPlatformApi {
  getHealth(options?: DataPlatformRequestOptions): Promise<HealthStatus>;
  getOverview(
    options?: DataPlatformRequestOptions,
  ): Promise<DataPlatformOverview>;
  /** The derivation queue alone: cheap enough to poll. */
  getDerivationStatus(
    options?: DataPlatformRequestOptions,
  ): Promise<DerivationStatus>;

  listEndpoints(
    filters?: ListFilters,
    options?: DataPlatformRequestOptions,
  ): Promise<Page<EndpointSummary>>;
  getEndpoint(
    id: string,
    options?: DataPlatformRequestOptions,
  ): Promise<EndpointDetail>;
  listSchemaVersions(
    endpointId: string,
    options?: DataPlatformRequestOptions,
  ): Promise<{ items: SchemaVersion[] }>;
  getSchemaDiff(
    endpointId: string,
    range: operations['GetSchemaDiff']['parameters']['query'],
    options?: DataPlatformRequestOptions,
  ): Promise<SchemaDiff>;
  listPartitions(
    endpointId: string,
    filters?: NonNullable<operations['ListPartitions']['parameters']['query']>,
    options?: DataPlatformRequestOptions,
  ): Promise<Page<Partition>>;

  listWorkflows(
    filters?: ListFilters,
    options?: DataPlatformRequestOptions,
  ): Promise<Page<WorkflowSummary>>;
  getWorkflow(
    id: string,
    options?: DataPlatformRequestOptions,
  ): Promise<WorkflowDetail>;
  listRuns(
    workflowId: string,
    filters?: RunFilters,
    options?: DataPlatformRequestOptions,
  ): Promise<Page<RunSummary>>;
  getRun(
    runId: string,
    options?: DataPlatformRequestOptions,
  ): Promise<RunDetail>;

  /**
   * The distinct namespaces, tags or owners of endpoints or workflows,
   * most used first: suggestions for the explorers' filters.
   */
  listValues(
    query: ValueQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<ValueList>;

  listEvents(
    filters?: NonNullable<operations['ListEvents']['parameters']['query']>,
    options?: DataPlatformRequestOptions,
  ): Promise<Page<RawEvent>>;
  listDeadLetters(
    filters?: NonNullable<operations['ListDeadLetters']['parameters']['query']>,
    options?: DataPlatformRequestOptions,
  ): Promise<Page<DeadLetter>>;
  /** Events set aside because their derivation failed, newest first. */
  listFailedDerivations(
    filters?: NonNullable<
      operations['ListFailedDerivations']['parameters']['query']
    >,
    options?: DataPlatformRequestOptions,
  ): Promise<Page<FailedDerivation>>;

  /** The lineage graph around a focus node (`GET /v1/lineage`). */
  getLineage(
    query: LineageQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<LineageGraph>;
  /** Field-level lineage from the columnLineage facet. */
  getColumnLineage(
    query: ColumnLineageQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<ColumnLineageGraph>;
  /** Everything downstream of the focus, with owners and distances. */
  getImpact(
    query: ImpactQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<ImpactReport>;
  /** The impact report as CSV text, as the service renders it. */
  getImpactCsv(
    query: ImpactQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<string>;
}

/**
 * The names of the methods of {@link DataPlatformApi}, for code that wraps
 * or mocks each of them (the compiler checks the list is complete).
 *
 * @public
 */
export const DATA_PLATFORM_API_METHODS = Object.keys({
  getHealth: true,
  getOverview: true,
  getDerivationStatus: true,
  listEndpoints: true,
  getEndpoint: true,
  listSchemaVersions: true,
  getSchemaDiff: true,
  listPartitions: true,
  listWorkflows: true,
  getWorkflow: true,
  listRuns: true,
  getRun: true,
  listValues: true,
  listEvents: true,
  listDeadLetters: true,
  listFailedDerivations: true,
  getLineage: true,
  getColumnLineage: true,
  getImpact: true,
  getImpactCsv: true,
} satisfies Record<keyof DataPlatformApi, true>) as ReadonlyArray<
  keyof DataPlatformApi
>;
