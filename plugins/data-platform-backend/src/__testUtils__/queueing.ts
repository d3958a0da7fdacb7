import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { AssetsService, DefaultAssetsService } from '../assets/AssetsService';
import { EndpointStore } from '../assets/EndpointStore';
import { ValueStore } from '../assets/ValueStore';
import { WorkflowStore } from '../assets/WorkflowStore';
import { migratedDatabase } from '../database/migrations';
import { DerivationConfig } from '../eventlog/config';
import { createEventPipeline } from '../eventPipeline';
import { OpenLineageValidator } from '../openlineage/OpenLineageValidator';
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
 * The event pipeline on the given database (migrated), whose worker is not
 * started, so what its ingestion accepts stays queued; with a validator to
 * derive raw payloads by, and the assets' reads.
 */
export async function queueingService(
  knex: Knex,
  derivation?: Partial<DerivationConfig>,
) {
  const db = await migratedDatabase({ getClient: async () => knex });
  const pipeline = createEventPipeline({
    db,
    logger: mockServices.logger.mock(),
    derivation,
  });
  const validator = new OpenLineageValidator();
  const assets: AssetsService = new DefaultAssetsService(
    new EndpointStore(db),
    new WorkflowStore(db),
    new ValueStore(db),
  );
  return { knex, validator, assets, ...pipeline };
}
