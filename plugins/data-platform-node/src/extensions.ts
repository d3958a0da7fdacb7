import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * The result a health check reports. A check that throws counts as failing,
 * with the error's message.
 *
 * @public
 */
export type DataPlatformHealthCheckResult = {
  status: 'ok' | 'failing';
  message?: string;
};

/**
 * A named check that the metadata service runs when asked for its health,
 * for example a module that verifies its connection to a pipeline runtime.
 *
 * @public
 */
export type DataPlatformHealthCheck = {
  name: string;
  check(): Promise<DataPlatformHealthCheckResult>;
};

/**
 * Lets backend modules add health checks to the metadata service's
 * `/health` route.
 *
 * @public
 */
export interface DataPlatformHealthExtensionPoint {
  addHealthCheck(...checks: DataPlatformHealthCheck[]): void;
}

/**
 * The extension point behind {@link DataPlatformHealthExtensionPoint}.
 *
 * @public
 */
export const dataPlatformHealthExtensionPoint =
  createExtensionPoint<DataPlatformHealthExtensionPoint>({
    id: 'data-platform.health',
  });
