import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DEFAULT_MAX_DEPTH } from './jsonDepth';
import { DEFAULT_MAX_BATCH_EVENTS } from './routes';

/** The request limits of `dataPlatform.ingestion`. */
export type IngestionLimits = {
  /** The largest body, as sent and inflated, e.g. `32mb`. */
  maxBodySize: string;
  /** Events in one batch request. */
  maxBatchEvents: number;
  /** How deeply an event may nest objects and arrays. */
  maxDepth: number;
};

/** A limit from config that must be a positive integer. */
function positiveInteger(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(`${key} must be a positive integer, not ${value}`);
  }
  return value;
}

export function readIngestionLimits(config: Config): IngestionLimits {
  return {
    maxBodySize:
      config.getOptionalString('dataPlatform.ingestion.maxBodySize') ?? '32mb',
    maxBatchEvents: positiveInteger(
      config,
      'dataPlatform.ingestion.maxBatchEvents',
      DEFAULT_MAX_BATCH_EVENTS,
    ),
    maxDepth: positiveInteger(
      config,
      'dataPlatform.ingestion.maxDepth',
      DEFAULT_MAX_DEPTH,
    ),
  };
}
