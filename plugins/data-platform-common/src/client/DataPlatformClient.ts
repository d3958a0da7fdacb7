import { ResponseError } from '@backstage/errors';
import type { paths } from '../generated/openapi';
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

// What the client knows of each GET route, read off the generated `paths`:
// a path template, its path and query parameters and its JSON answer. A
// route, parameter or answer the contract does not have fails to compile.
type GetPath = {
  [P in keyof paths]: paths[P] extends { get: object } ? P : never;
}[keyof paths];
type GetOperation<P extends GetPath> = paths[P]['get'];
type OrNothing<T> = [T] extends [never] ? Record<string, never> : T;
type PathParams<P extends GetPath> = OrNothing<
  NonNullable<GetOperation<P>['parameters']['path']>
>;
type QueryParams<P extends GetPath> = OrNothing<
  NonNullable<GetOperation<P>['parameters']['query']>
>;
type Answer<P extends GetPath> = GetOperation<P>['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/**
 * A typed client for the metadata service, usable from the browser (with
 * Backstage's fetch API) and from backend modules (with a plugin token).
 * Its methods are typed by {@link DataPlatformApi}; their routes, parameters
 * and answers by the contract's generated types.
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

  // A failing check answers 503 with the same body: a verdict, not an error.
  readonly getHealth: DataPlatformApi['getHealth'] = options =>
    this.get('/health', {}, {}, options, [503]);

  readonly getOverview: DataPlatformApi['getOverview'] = options =>
    this.get('/v1/overview', {}, {}, options);

  readonly getDerivationStatus: DataPlatformApi['getDerivationStatus'] =
    options => this.get('/v1/derivation', {}, {}, options);

  readonly listEndpoints: DataPlatformApi['listEndpoints'] = (
    filters = {},
    options,
  ) => this.get('/v1/endpoints', {}, filters, options);

  readonly getEndpoint: DataPlatformApi['getEndpoint'] = (id, options) =>
    this.get('/v1/endpoints/{id}', { id }, {}, options);

  readonly listSchemaVersions: DataPlatformApi['listSchemaVersions'] = (
    endpointId,
    options,
  ) =>
    this.get(
      '/v1/endpoints/{id}/schema-versions',
      { id: endpointId },
      {},
      options,
    );

  readonly getSchemaDiff: DataPlatformApi['getSchemaDiff'] = (
    endpointId,
    range,
    options,
  ) =>
    this.get(
      '/v1/endpoints/{id}/schema-diff',
      { id: endpointId },
      range,
      options,
    );

  readonly listPartitions: DataPlatformApi['listPartitions'] = (
    endpointId,
    filters = {},
    options,
  ) =>
    this.get(
      '/v1/endpoints/{id}/partitions',
      { id: endpointId },
      filters,
      options,
    );

  readonly listWorkflows: DataPlatformApi['listWorkflows'] = (
    filters = {},
    options,
  ) => this.get('/v1/workflows', {}, filters, options);

  readonly getWorkflow: DataPlatformApi['getWorkflow'] = (id, options) =>
    this.get('/v1/workflows/{id}', { id }, {}, options);

  readonly listRuns: DataPlatformApi['listRuns'] = (
    workflowId,
    filters = {},
    options,
  ) =>
    this.get('/v1/workflows/{id}/runs', { id: workflowId }, filters, options);

  readonly listValues: DataPlatformApi['listValues'] = (query, options) =>
    this.get('/v1/values', {}, query, options);

  readonly getRun: DataPlatformApi['getRun'] = (runId, options) =>
    this.get('/v1/runs/{runId}', { runId }, {}, options);

  readonly listEvents: DataPlatformApi['listEvents'] = (
    filters = {},
    options,
  ) => this.get('/v1/events', {}, filters, options);

  readonly listDeadLetters: DataPlatformApi['listDeadLetters'] = (
    filters = {},
    options,
  ) => this.get('/v1/dead-letters', {}, filters, options);

  readonly listFailedDerivations: DataPlatformApi['listFailedDerivations'] = (
    filters = {},
    options,
  ) => this.get('/v1/derivation/failed', {}, filters, options);

  readonly getLineage: DataPlatformApi['getLineage'] = (query, options) =>
    this.get('/v1/lineage', {}, query, options);

  readonly getColumnLineage: DataPlatformApi['getColumnLineage'] = (
    query,
    options,
  ) => this.get('/v1/lineage/columns', {}, query, options);

  readonly getImpact: DataPlatformApi['getImpact'] = (query, options) =>
    this.get('/v1/lineage/impact', {}, query, options);

  readonly getImpactCsv: DataPlatformApi['getImpactCsv'] = async (
    query,
    options,
  ) => {
    const response = await this.fetch(
      '/v1/lineage/impact',
      {},
      { ...query, format: 'csv' },
      options,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return await response.text();
  };

  private async get<P extends GetPath>(
    path: P,
    pathParams: PathParams<P>,
    query: QueryParams<P>,
    options?: DataPlatformRequestOptions,
    acceptedErrorStatuses: number[] = [],
  ): Promise<Answer<P>> {
    const response = await this.fetch(path, pathParams, query, options);
    if (!response.ok && !acceptedErrorStatuses.includes(response.status)) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as Answer<P>;
  }

  private async fetch<P extends GetPath>(
    path: P,
    pathParams: PathParams<P>,
    query: QueryParams<P>,
    options?: DataPlatformRequestOptions,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(DATA_PLATFORM_PLUGIN_ID);
    const params: Record<string, unknown> = pathParams;
    const resolved = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(params[name])),
    );
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        search.set(key, String(value));
      }
    }
    const queryString = search.toString();
    return await this.fetchApi.fetch(
      `${baseUrl}${resolved}${queryString ? `?${queryString}` : ''}`,
      {
        headers: options?.token
          ? { Authorization: `Bearer ${options.token}` }
          : undefined,
      },
    );
  }
}
