import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { normalizeOwnerRef, ownerAlias } from './ownerRules';

export const DEFAULT_CATALOG_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 5 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 30 },
  };

/** `dataPlatform.catalog.schedule`, else every 5 minutes. */
export function readCatalogSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig('dataPlatform.catalog.schedule');
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : DEFAULT_CATALOG_SCHEDULE;
}

/**
 * `dataPlatform.owners.mapping`: lower-case owner text → the Group or User
 * ref. A value that is not one is a configuration error, refused at start.
 */
export function readOwnerMapping(config: Config): Map<string, string> {
  const mapping = new Map<string, string>();
  const entries = config.getOptionalConfigArray('dataPlatform.owners.mapping');
  for (const [index, entry] of (entries ?? []).entries()) {
    const owner = entry.getString('owner');
    const value = entry.getString('entityRef');
    const ref = normalizeOwnerRef(
      value.includes(':') ? value : `group:${value}`,
    );
    if (!ref) {
      throw new InputError(
        `dataPlatform.owners.mapping[${index}].entityRef: "${value}" is not a Group or User entity ref`,
      );
    }
    mapping.set(ownerAlias(owner), ref);
  }
  return mapping;
}
