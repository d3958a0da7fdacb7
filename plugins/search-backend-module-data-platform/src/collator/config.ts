import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

const CONFIG_KEY = 'search.collators.dataPlatform';

/** What the collator reads from `search.collators.dataPlatform`. */
export type CollatorOptions = {
  /** Endpoints or workflows asked for per list request. */
  pageSize: number;
};

export const defaults = {
  // As the catalog's collator: often enough that a new table is found the
  // same hour, rarely enough that reading every endpoint costs little.
  schedule: {
    frequency: { minutes: 10 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 3 },
  } satisfies SchedulerServiceTaskScheduleDefinition,
  collatorOptions: { pageSize: 100 } satisfies CollatorOptions,
};

export function readScheduleConfigOptions(
  configRoot: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = configRoot.getOptionalConfig(`${CONFIG_KEY}.schedule`);
  if (!schedule) return defaults.schedule;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  } catch (error) {
    throw new InputError(`Invalid schedule at ${CONFIG_KEY}, ${error}`);
  }
}

function positiveInteger(
  config: Config | undefined,
  key: 'pageSize',
  max: number,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return defaults.collatorOptions[key];
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError(
      `${CONFIG_KEY}.${key} must be a whole number from 1 to ${max}, got ${value}`,
    );
  }
  return value;
}

export function readCollatorConfigOptions(configRoot: Config): CollatorOptions {
  const config = configRoot.getOptionalConfig(CONFIG_KEY);
  return {
    // The list routes' page limit.
    pageSize: positiveInteger(config, 'pageSize', 500),
  };
}
