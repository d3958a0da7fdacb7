import { DataPlatformOverview, HealthStatus } from '../types';

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
}
