import { LoggerService } from '@backstage/backend-plugin-api';

const ATTEMPTS = 3;

// Deadlock, serialization failure, and a unique insert racing another.
const TRANSIENT = new Set(['40P01', '40001', '23505']);

/** Whether PostgreSQL aborted a transaction for colliding with another. */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return !!code && TRANSIENT.has(code);
}

/**
 * Runs a write transaction, again when PostgreSQL aborts it for colliding
 * with a concurrent one: batches touching the same rows can still do that,
 * and the transactions here are safe to run again.
 */
export async function withTransientRetry<T>(
  fn: () => Promise<T>,
  logger: LoggerService,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isTransient(error) || attempt >= ATTEMPTS) throw error;
      logger.debug(
        `Retrying a write after ${(error as { code: string }).code}`,
      );
    }
  }
}
