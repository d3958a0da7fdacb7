import { ResponseError } from '@backstage/errors';
import { DataPlatformOverview, HealthStatus } from '../types';
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
    return this.get<HealthStatus>('/health', options, [503]);
  }

  getOverview(
    options?: DataPlatformRequestOptions,
  ): Promise<DataPlatformOverview> {
    return this.get<DataPlatformOverview>('/v1/overview', options);
  }

  private async get<T>(
    path: string,
    options?: DataPlatformRequestOptions,
    acceptedErrorStatuses: number[] = [],
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(DATA_PLATFORM_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      headers: options?.token
        ? { Authorization: `Bearer ${options.token}` }
        : undefined,
    });
    if (!response.ok && !acceptedErrorStatuses.includes(response.status)) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
