import {
  HealthCheckResult,
  HealthStatus,
} from '@data-platform/plugin-data-platform-common';
import { DataPlatformHealthCheck } from '@data-platform/plugin-data-platform-node';
import { REPLAY_STALE_AFTER_MS } from '../eventlog/ReplayStore';
import { DerivationBacklog } from '../eventlog/types';

const STUCK_AFTER_MS = 10 * 60_000;

/**
 * Runs the service's own checks and those backend modules registered,
 * concurrently, and folds them into one verdict.
 */
export class HealthService {
  private readonly checks: DataPlatformHealthCheck[];

  constructor(options: {
    /** The engine behind the database, e.g. `pg`. */
    databaseClient: string;
    /** Throws when the database cannot answer a trivial query. */
    ping: () => Promise<void>;
    /** The derivation queue at a glance (DerivationQueueStore). */
    derivationBacklog: () => Promise<DerivationBacklog>;
    /** Those backend modules registered. */
    checks?: DataPlatformHealthCheck[];
  }) {
    const { databaseClient, ping, derivationBacklog } = options;
    this.checks = [
      {
        name: 'database',
        check: async () => {
          const started = Date.now();
          await ping();
          return {
            status: 'ok',
            message: `${databaseClient} answered in ${Date.now() - started} ms`,
          };
        },
      },
      {
        name: 'derivation',
        check: async () => derivationHealth(await derivationBacklog()),
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

/**
 * The derivation check fails when derivation does not move: the oldest
 * waiting event waits for long, or a replay died before it had queued the
 * whole log. Events set aside as failed are a known state, reported in the
 * message, not a failure of the service: they wait for a fix and a
 * replay, and a check that stayed failing meanwhile would hide a new fault.
 */
function derivationHealth(
  queue: DerivationBacklog,
  now = Date.now(),
): Omit<HealthCheckResult, 'name'> {
  const waitedMs = queue.oldestQueuedAt
    ? now - queue.oldestQueuedAt.getTime()
    : 0;
  const parts = [
    `${queue.backlog} events waiting to be derived${
      queue.backlog ? `, the oldest for ${Math.round(waitedMs / 1000)} s` : ''
    }`,
  ];
  if (queue.replaying > 0) {
    parts.push(`${queue.replaying} of them queued by a replay`);
  }
  if (queue.failed > 0) {
    parts.push(
      `${queue.failed} set aside because their derivation failed (GET /v1/derivation/failed says why; after a fix, POST /v1/admin/replay)`,
    );
  }
  const { replay } = queue;
  if (replay && now - replay.heartbeatAt.getTime() > REPLAY_STALE_AFTER_MS) {
    return {
      status: 'failing',
      message: `A replay started at ${replay.startedAt.toISOString()} stopped before it had queued the whole raw log; run it again. ${parts.join(
        '; ',
      )}`,
    };
  }
  if (replay) {
    parts.push(
      `a replay started at ${replay.startedAt.toISOString()} is ${
        replay.clearing ? 'clearing derived state' : 'queuing the raw log'
      }`,
    );
  }
  // Queued events are normally derived within seconds.
  if (waitedMs > STUCK_AFTER_MS) {
    return {
      status: 'failing',
      message: `Derivation is stuck: ${parts.join('; ')}`,
    };
  }
  return { status: 'ok', message: parts.join('; ') };
}
