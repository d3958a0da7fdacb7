import { ResponseError } from '@backstage/errors';
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
import { DataPlatformApi, DataPlatformRequestOptions } from './DataPlatformApi';

/**
 * The plugin id the metadata service is mounted under.
 *
 * @public
 */
export const DATA_PLATFORM_PLUGIN_ID = 'data-platform';

/**
 * The part of Backstage's discovery API (frontend or backend) the client
 * needs.
 *
 * @public
 */
export type DataPlatformDiscovery = {
  getBaseUrl(pluginId: string): Promise<string>;
};

type Query = Record<string, string | number | undefined>;

/**
 * A typed client for the metadata service, usable from the browser (with
 * Backstage's fetch API) and from backend modules (with a plugin token).
 *
 * @public
 */
export class DataPlatformClient implements DataPlatformApi {
  private readonly discoveryApi: DataPlatformDiscovery;
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: DataPlatformDiscovery;
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: globalThis.fetch };
  }

  getHealth(options?: DataPlatformRequestOptions): Promise<HealthStatus> {
    // A failing check answers 503 with the same body: a verdict, not an error.
    return this.get('/health', {}, options, [503]);
  }

  getOverview(
    options?: DataPlatformRequestOptions,
  ): Promise<DataPlatformOverview> {
    return this.get('/v1/overview', {}, options);
  }

  getDerivationStatus(
    options?: DataPlatformRequestOptions,
  ): Promise<DerivationStatus> {
    return this.get('/v1/derivation', {}, options);
  }

  listEndpoints(
    filters: ListFilters = {},
    options?: DataPlatformRequestOptions,
  ): Promise<Page<EndpointSummary>> {
    return this.get('/v1/endpoints', filters, options);
  }

  getEndpoint(
    id: string,
    options?: DataPlatformRequestOptions,
  ): Promise<EndpointDetail> {
    return this.get(`/v1/endpoints/${encodeURIComponent(id)}`, {}, options);
  }

  listSchemaVersions(
    endpointId: string,
    options?: DataPlatformRequestOptions,
  ): Promise<{ items: SchemaVersion[] }> {
    return this.get(
      `/v1/endpoints/${encodeURIComponent(endpointId)}/schema-versions`,
      {},
      options,
    );
  }

  getSchemaDiff(
    endpointId: string,
    range: { from: number; to: number },
    options?: DataPlatformRequestOptions,
  ): Promise<SchemaDiff> {
    return this.get(
      `/v1/endpoints/${encodeURIComponent(endpointId)}/schema-diff`,
      range,
      options,
    );
  }

  listPartitions(
    endpointId: string,
    filters: {
      from?: string;
      to?: string;
      limit?: number;
      cursor?: string;
    } = {},
    options?: DataPlatformRequestOptions,
  ): Promise<Page<Partition>> {
    return this.get(
      `/v1/endpoints/${encodeURIComponent(endpointId)}/partitions`,
      filters,
      options,
    );
  }

  listWorkflows(
    filters: ListFilters = {},
    options?: DataPlatformRequestOptions,
  ): Promise<Page<WorkflowSummary>> {
    return this.get('/v1/workflows', filters, options);
  }

  getWorkflow(
    id: string,
    options?: DataPlatformRequestOptions,
  ): Promise<WorkflowDetail> {
    return this.get(`/v1/workflows/${encodeURIComponent(id)}`, {}, options);
  }

  listRuns(
    workflowId: string,
    filters: RunFilters = {},
    options?: DataPlatformRequestOptions,
  ): Promise<Page<RunSummary>> {
    return this.get(
      `/v1/workflows/${encodeURIComponent(workflowId)}/runs`,
      filters,
      options,
    );
  }

  getRun(
    runId: string,
    options?: DataPlatformRequestOptions,
  ): Promise<RunDetail> {
    return this.get(`/v1/runs/${encodeURIComponent(runId)}`, {}, options);
  }

  listEvents(
    filters: {
      runId?: string;
      namespace?: string;
      name?: string;
      limit?: number;
      cursor?: string;
    } = {},
    options?: DataPlatformRequestOptions,
  ): Promise<Page<RawEvent>> {
    return this.get('/v1/events', filters, options);
  }

  listDeadLetters(
    filters: { limit?: number; cursor?: string } = {},
    options?: DataPlatformRequestOptions,
  ): Promise<Page<DeadLetter>> {
    return this.get('/v1/dead-letters', filters, options);
  }

  listFailedDerivations(
    filters: { limit?: number; cursor?: string } = {},
    options?: DataPlatformRequestOptions,
  ): Promise<Page<FailedDerivation>> {
    return this.get('/v1/derivation/failed', filters, options);
  }

  getLineage(
    query: LineageQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<LineageGraph> {
    return this.get('/v1/lineage', { ...query }, options);
  }

  getColumnLineage(
    query: ColumnLineageQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<ColumnLineageGraph> {
    return this.get('/v1/lineage/columns', query, options);
  }

  getImpact(
    query: ImpactQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<ImpactReport> {
    return this.get('/v1/lineage/impact', { ...query }, options);
  }

  async getImpactCsv(
    query: ImpactQuery,
    options?: DataPlatformRequestOptions,
  ): Promise<string> {
    const response = await this.fetch(
      '/v1/lineage/impact',
      { ...query, format: 'csv' },
      options,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return await response.text();
  }

  private async get<T>(
    path: string,
    query: Query,
    options?: DataPlatformRequestOptions,
    acceptedErrorStatuses: number[] = [],
  ): Promise<T> {
    const response = await this.fetch(path, query, options);
    if (!response.ok && !acceptedErrorStatuses.includes(response.status)) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async fetch(
    path: string,
    query: Query,
    options?: DataPlatformRequestOptions,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(DATA_PLATFORM_PLUGIN_ID);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    return await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      {
        headers: options?.token
          ? { Authorization: `Bearer ${options.token}` }
          : undefined,
      },
    );
  }
}
