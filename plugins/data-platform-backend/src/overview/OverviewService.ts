import {
  DataPlatformOverview,
  DerivationStatus,
} from '@data-platform/plugin-data-platform-common';
import { OverviewStore } from './OverviewStore';

/** The platform at a glance: what was ingested, derived, and is waiting. */
export interface OverviewService {
  getOverview(): Promise<DataPlatformOverview>;
}

/** The {@link OverviewService} over its counts and derivation's status. */
export class DefaultOverviewService implements OverviewService {
  constructor(
    private readonly store: OverviewStore,
    /** The event log's (EventLogService.getDerivationStatus). */
    private readonly derivationStatus: () => Promise<DerivationStatus>,
  ) {}

  async getOverview(): Promise<DataPlatformOverview> {
    const [counts, derivation] = await Promise.all([
      this.store.getCounts(),
      this.derivationStatus(),
    ]);
    return {
      databaseClient: this.store.databaseClient,
      ingestion: {
        acceptedEvents: counts.acceptedEvents,
        rejectedEvents: counts.rejectedEvents,
        ...(counts.lastEventAt && {
          lastEventAt: counts.lastEventAt.toISOString(),
        }),
        derivation,
      },
      counts: {
        endpoints: counts.endpoints,
        workflows: counts.workflows,
        runs: counts.runs,
      },
    };
  }
}
