import { Knex } from 'knex';
import { toDate } from '../database/conversions';

/** Counters for the overview. */
export type OverviewCounts = {
  acceptedEvents: number;
  rejectedEvents: number;
  lastEventAt?: Date;
  endpoints: number;
  workflows: number;
  runs: number;
};

/** The overview's counts: the event log's and the derived tables' sizes. */
export class OverviewStore {
  readonly databaseClient: string;

  constructor(private readonly db: Knex) {
    this.databaseClient = String(db.client.config.client);
  }

  async getCounts(): Promise<OverviewCounts> {
    const count = async (table: string) =>
      Number((await this.db(table).count({ count: '*' }).first())?.count ?? 0);
    const [accepted, last, rejected, endpoints, workflows, runs] =
      await Promise.all([
        count('raw_events'),
        this.db('raw_events').max({ last: 'received_at' }).first(),
        count('dead_letters'),
        count('endpoints'),
        count('workflows'),
        count('runs'),
      ]);
    return {
      acceptedEvents: accepted,
      rejectedEvents: rejected,
      lastEventAt: toDate(last?.last),
      endpoints,
      workflows,
      runs,
    };
  }
}
