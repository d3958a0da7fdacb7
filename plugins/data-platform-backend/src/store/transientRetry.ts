import { LoggerService } from '@backstage/backend-plugin-api';

const ATTEMPTS = 3;

// Deadlock, serialization failure, and a unique insert racing another.
const TRANSIENT = new Set(['40P01', '40001', '23505']);

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
      const code = (error as { code?: string }).code;
      if (!code || !TRANSIENT.has(code) || attempt >= ATTEMPTS) throw error;
      logger.debug(`Retrying a write after ${code}`);
    }
  }
}
