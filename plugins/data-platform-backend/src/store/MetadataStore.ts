/**
 * Counters over the ingestion log, for the overview.
 */
export type IngestionCounts = {
  acceptedEvents: number;
  rejectedEvents: number;
  lastEventAt?: Date;
};

/**
 * Where the metadata service keeps what it ingests and derives. The router
 * and services depend on this interface, not on knex.
 */
export interface MetadataStore {
  /** The database engine behind the store, e.g. `pg` or `better-sqlite3`. */
  readonly databaseClient: string;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  getIngestionCounts(): Promise<IngestionCounts>;
}
