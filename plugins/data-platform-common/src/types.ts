/**
 * The answer of `GET /health`: whether the metadata service can serve
 * requests, and the checks behind that verdict.
 *
 * @public
 */
export type HealthStatus = {
  status: 'ok' | 'degraded';
  checks: HealthCheckResult[];
};

/**
 * One named check inside a {@link HealthStatus}.
 *
 * @public
 */
export type HealthCheckResult = {
  name: string;
  status: 'ok' | 'failing';
  message?: string;
};

/**
 * The answer of `GET /v1/overview`: what the metadata service holds, at a
 * glance.
 *
 * @public
 */
export type DataPlatformOverview = {
  /** The database engine behind the store, e.g. `pg` or `better-sqlite3`. */
  databaseClient: string;
  ingestion: {
    /** Events accepted and kept in the raw event log. */
    acceptedEvents: number;
    /** Events rejected and kept in the dead-letter store. */
    rejectedEvents: number;
    /** When the most recent event was accepted, as an ISO 8601 timestamp. */
    lastEventAt?: string;
  };
};
