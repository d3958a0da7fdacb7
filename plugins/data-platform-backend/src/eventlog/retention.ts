import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { readDurationFromConfig } from '@backstage/config';
import { EventLogStore } from './EventLogStore';

const KEY = 'dataPlatform.ingestion.rawEventRetention';

/**
 * Deletes raw events older than `dataPlatform.ingestion.rawEventRetention`
 * once a day. Off unless configured: replay needs the whole log, so bounding
 * it is the adopter's choice.
 */
export async function scheduleRawEventRetention(options: {
  config: RootConfigService;
  scheduler: SchedulerService;
  store: Pick<EventLogStore, 'deleteRawEventsBefore'>;
  logger: LoggerService;
}): Promise<HumanDuration | undefined> {
  const { config, scheduler, store, logger } = options;
  if (!config.has(KEY)) return undefined;
  const retention = readDurationFromConfig(config, { key: KEY });
  const retentionMs = durationToMilliseconds(retention);
  await scheduler.scheduleTask({
    id: 'data-platform-raw-event-retention',
    frequency: { hours: 24 },
    timeout: { hours: 1 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      const cutoff = new Date(Date.now() - retentionMs);
      const deleted = await store.deleteRawEventsBefore(cutoff);
      logger.info(
        `Deleted ${deleted} raw events received before ${cutoff.toISOString()}`,
      );
    },
  });
  return retention;
}
