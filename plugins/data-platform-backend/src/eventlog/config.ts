import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DerivationMode } from '@data-platform/plugin-data-platform-common';
import { DerivationWorkerOptions } from './DerivationWorker';

/** How accepted events are derived: `dataPlatform.ingestion.derivation`. */
export type DerivationConfig = {
  mode: DerivationMode;
  /** Queued events beyond which ingestion answers 503. */
  maxBacklog?: number;
  /** Events per derivation transaction. */
  batchSize?: number;
  /** How often the worker looks at the queue unasked, in ms. */
  pollIntervalMs?: number;
};

export function readDerivationConfig(config: Config): DerivationConfig {
  const derivation = config.getOptionalConfig(
    'dataPlatform.ingestion.derivation',
  );
  const mode = derivation?.getOptionalString('mode') ?? 'background';
  if (mode !== 'background' && mode !== 'inline') {
    throw new InputError(
      `dataPlatform.ingestion.derivation.mode must be background or inline, not ${mode}`,
    );
  }
  return {
    mode,
    maxBacklog: derivation?.getOptionalNumber('maxBacklog'),
    batchSize: derivation?.getOptionalNumber('batchSize'),
  };
}

/** How the worker paces itself on a database, given the configuration. */
export function derivationWorkerOptions(
  databaseClient: string,
  derivation: Partial<DerivationConfig> = {},
): DerivationWorkerOptions {
  return {
    batchSize: derivation.batchSize ?? 1000,
    busyBatchSize: 100,
    // SQLite has a single writer.
    concurrency: databaseClient === 'pg' ? 2 : 1,
    pollIntervalMs: derivation.pollIntervalMs ?? 1000,
    maxCachedEvents: 5_000,
    lingerMs: 100,
  };
}
