import {
  DeadLetter,
  DerivationMode,
  DerivationStatus,
  FailedDerivation,
  Page,
  RawEvent,
} from '@data-platform/plugin-data-platform-common';
import { DerivationQueueStore } from './DerivationQueueStore';
import { EventLogStore } from './EventLogStore';
import { Replayer } from './Replayer';

/** A page of a list, newest first. */
export type PageFilters = { limit?: number; cursor?: string };

/** Filters of the raw event log. */
export type RawEventFilters = PageFilters & {
  runId?: string;
  /** The job's namespace and name. */
  namespace?: string;
  name?: string;
};

/**
 * The event log as the API shows it: the raw events and dead letters,
 * derivation's progress and the events it set aside, and replay.
 */
export interface EventLogService {
  listRawEvents(filters: RawEventFilters): Promise<Page<RawEvent>>;
  listDeadLetters(filters: PageFilters): Promise<Page<DeadLetter>>;
  getDerivationStatus(): Promise<DerivationStatus>;
  /** The events set aside because their derivation failed, newest first. */
  listFailedDerivations(filters: PageFilters): Promise<Page<FailedDerivation>>;
  /**
   * Clears everything derived and queues the raw log again; resolves once
   * it is queued. ConflictError while another replay runs.
   */
  replay(): Promise<{ queued: number }>;
}

/** The {@link EventLogService} over the event log's own stores. */
export class DefaultEventLogService implements EventLogService {
  constructor(
    private readonly options: {
      log: EventLogStore;
      queue: DerivationQueueStore;
      replayer: Replayer;
      /** How ingestion derives (`dataPlatform.ingestion.derivation.mode`). */
      mode: DerivationMode;
    },
  ) {}

  listRawEvents(filters: RawEventFilters): Promise<Page<RawEvent>> {
    return this.options.log.listRawEvents(filters);
  }

  listDeadLetters(filters: PageFilters): Promise<Page<DeadLetter>> {
    return this.options.log.listDeadLetters(filters);
  }

  async getDerivationStatus(): Promise<DerivationStatus> {
    const queue = await this.options.queue.getDerivationBacklog();
    return {
      mode: this.options.mode,
      backlog: queue.backlog,
      replaying: queue.replaying,
      failed: queue.failed,
      ...(queue.oldestQueuedAt && {
        oldestQueuedAt: queue.oldestQueuedAt.toISOString(),
      }),
      ...(queue.replay && {
        replay: {
          startedAt: queue.replay.startedAt.toISOString(),
          phase: queue.replay.clearing ? 'clearing' : 'queuing',
        },
      }),
    };
  }

  listFailedDerivations(filters: PageFilters): Promise<Page<FailedDerivation>> {
    return this.options.queue.listFailedDerivations(filters);
  }

  replay(): Promise<{ queued: number }> {
    return this.options.replayer.replay();
  }
}
