import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** What `catalog.providers.dataPlatform` configures, with its defaults. */
export type ProviderConfig = {
  /** The full sync. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The change poll between full syncs. */
  deltaSchedule: SchedulerServiceTaskScheduleDefinition;
  /** Undefined: every namespace. */
  namespaces?: string[];
  lifecycle: string;
  pageSize: number;
  /** Where the app serves its pages (`app.baseUrl`), for the entities' links. */
  appBaseUrl: string;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

const DEFAULT_DELTA_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 5 },
  initialDelay: { minutes: 1 },
};

// The metadata service's lists take at most 500 items per page.
const MAX_PAGE_SIZE = 500;

export function readProviderConfig(config: Config): ProviderConfig {
  const provider = config.getOptionalConfig('catalog.providers.dataPlatform');
  const pageSize = provider?.getOptionalNumber('pageSize') ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InputError(
      `catalog.providers.dataPlatform.pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${pageSize}`,
    );
  }
  return {
    schedule: provider?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          provider.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    deltaSchedule: provider?.has('deltaSchedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          provider.getConfig('deltaSchedule'),
        )
      : DEFAULT_DELTA_SCHEDULE,
    namespaces: provider?.getOptionalStringArray('namespaces'),
    lifecycle: provider?.getOptionalString('lifecycle') ?? 'production',
    pageSize,
    appBaseUrl: config.getString('app.baseUrl').replace(/\/+$/, ''),
  };
}
