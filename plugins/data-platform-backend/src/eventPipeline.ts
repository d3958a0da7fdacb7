import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DerivationConfig, derivationWorkerOptions } from './eventlog/config';
import { DerivationQueueStore } from './eventlog/DerivationQueueStore';
import { DerivationWorker } from './eventlog/DerivationWorker';
import { EventLogStore } from './eventlog/EventLogStore';
import { EventSources } from './eventlog/EventSource';
import { Replayer } from './eventlog/Replayer';
import { ReplayStore } from './eventlog/ReplayStore';
import { IngestionService } from './ingestion/IngestionService';
import { openLineageSource } from './openlineage/openLineageSource';
import { createFactWriter } from './projectors';

/**
 * The write side, wired: the event log and its derivation queue, the
 * worker that applies queued events with every projector, OpenLineage
 * ingestion into the log, and replay. Nothing here builds anything else;
 * a new event source (FOCUS cost exports, in `cost/`) is one more entry in
 * `sources` and one more ingestion service over the same log and worker.
 * The worker is not started: the plugin starts it once the backend has.
 */
export function createEventPipeline(options: {
  db: Knex;
  logger: LoggerService;
  derivation?: Partial<DerivationConfig>;
  /** How deeply an event may nest. */
  maxDepth?: number;
}) {
  const { db, logger, derivation = {} } = options;
  const writer = createFactWriter();
  const log = new EventLogStore(db, writer);
  const replays = new ReplayStore(db, writer.derivedTables);
  const queue = new DerivationQueueStore(db, writer, replays);
  const openLineage = openLineageSource();
  const sources = new EventSources([openLineage]);
  const worker = new DerivationWorker(
    queue,
    logger,
    (payload, source) => sources.derive(payload, source),
    derivationWorkerOptions(log.databaseClient, derivation),
  );
  const ingestion = new IngestionService({
    log,
    source: openLineage,
    worker,
    logger,
    maxDepth: options.maxDepth,
    mode: derivation.mode,
    maxBacklog: derivation.maxBacklog,
  });
  const replayer = new Replayer(replays, logger, count =>
    worker.requeued(count),
  );
  return { log, queue, replays, worker, ingestion, replayer };
}
