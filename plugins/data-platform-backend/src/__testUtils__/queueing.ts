import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { IngestionService } from '../ingestion/IngestionService';
import { OpenLineageValidator } from '../ingestion/OpenLineageValidator';
import { DatabaseMetadataStore } from '../store/DatabaseMetadataStore';
import { runEvent } from './events';

/** Runs of several workflows sharing endpoints, in START/COMPLETE pairs. */
export function platformEvents(runs: number) {
  const events: any[] = [];
  for (let i = 0; i < runs; i++) {
    const job = { namespace: 'airflow', name: `dag_${i % 7}.task` };
    const runId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const inputs = [{ namespace: 'pg://db', name: `public.t${i % 5}` }];
    const outputs = [{ namespace: 'pg://db', name: `public.t${(i % 5) + 1}` }];
    const hour = String(i % 24).padStart(2, '0');
    events.push(
      runEvent({
        eventType: 'START',
        eventTime: `2026-11-20T${hour}:00:00Z`,
        runId,
        job,
        inputs,
      }),
      runEvent({
        eventType: i % 9 === 0 ? 'FAIL' : 'COMPLETE',
        eventTime: `2026-11-20T${hour}:10:00Z`,
        runId,
        job,
        inputs,
        outputs,
      }),
    );
  }
  return events;
}

/**
 * A store on the given database and an ingestion service over it whose
 * worker is not started, so what it accepts stays queued.
 */
export async function queueingService(
  knex: Knex,
  derivation?: ConstructorParameters<typeof IngestionService>[0]['derivation'],
) {
  const store = await DatabaseMetadataStore.create({
    database: { getClient: async () => knex },
  });
  const validator = new OpenLineageValidator();
  const ingestion = new IngestionService({
    store,
    validator,
    logger: mockServices.logger.mock(),
    derivation,
  });
  return { knex, store, validator, ingestion };
}
