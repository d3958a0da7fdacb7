import { HealthStatus } from '@data-platform/plugin-data-platform-common';
import { DataPlatformHealthCheck } from '@data-platform/plugin-data-platform-node';
import { MetadataStore } from '../store/MetadataStore';

const STUCK_AFTER_MS = 10 * 60_000;

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
      {
        name: 'derivation',
        check: async () => {
          const queue = await store.getDerivationBacklog();
          const waitedMs = queue.oldestQueuedAt
            ? Date.now() - queue.oldestQueuedAt.getTime()
            : 0;
          const waiting = `${queue.backlog} events waiting to be derived${
            queue.backlog
              ? `, the oldest for ${Math.round(waitedMs / 1000)} s`
              : ''
          }`;
          if (queue.failed > 0) {
            return {
              status: 'failing',
              message: `${queue.failed} events could not be derived (the log says why; after a fix, POST /v1/admin/replay); ${waiting}`,
            };
          }
          // Queued events are normally derived within seconds.
          if (waitedMs > STUCK_AFTER_MS) {
            return {
              status: 'failing',
              message: `Derivation is stuck: ${waiting}`,
            };
          }
          return { status: 'ok', message: waiting };
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
