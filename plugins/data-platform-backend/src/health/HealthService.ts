import { HealthStatus } from '@data-platform/plugin-data-platform-common';
import { DataPlatformHealthCheck } from '@data-platform/plugin-data-platform-node';
import { MetadataStore } from '../store/MetadataStore';

/**
 * Runs the service's own checks and those backend modules registered,
 * concurrently, and folds them into one verdict.
 */
export class HealthService {
  private readonly checks: DataPlatformHealthCheck[];

  constructor(options: {
    store: MetadataStore;
    checks?: DataPlatformHealthCheck[];
  }) {
    const { store } = options;
    this.checks = [
      {
        name: 'database',
        check: async () => {
          const started = Date.now();
          await store.ping();
          return {
            status: 'ok',
            message: `${store.databaseClient} answered in ${
              Date.now() - started
            } ms`,
          };
        },
      },
      ...(options.checks ?? []),
    ];
  }

  async getHealth(): Promise<HealthStatus> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => {
        try {
          const result = await check();
          return { name, ...result };
        } catch (error) {
          return {
            name,
            status: 'failing' as const,
            message: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    return {
      status: results.every(r => r.status === 'ok') ? 'ok' : 'degraded',
      checks: results,
    };
  }
}
