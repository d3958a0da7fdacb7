import { Knex } from 'knex';
import { bulkInsert } from '../database/bulkWrite';
import { ProjectionBatch, Projector } from '../eventlog/FactWriter';
import { Facts } from '../openlineage/facts';

type Row = Record<string, any>;

/**
 * Data quality from the dataQualityAssertions and dataQualityMetrics
 * facets: per endpoint and run, the newest observation of each assertion
 * and of the metrics.
 */
export class QualityProjector implements Projector {
  readonly tables = ['quality_assertions', 'quality_metrics'];

  async apply({ trx, facts }: ProjectionBatch): Promise<void> {
    await applyQuality(trx, facts);
  }
}

async function applyQuality(trx: Knex.Transaction, facts: Facts[]) {
  const assertions = new Map<string, Row>();
  const metrics = new Map<string, Row>();
  for (const f of facts) {
    for (const a of f.assertions) {
      const row = {
        endpoint_id: a.endpointId,
        run_id: a.runId ?? '',
        assertion: a.assertion,
        column_name: a.column,
        success: a.success,
        observed_at: f.eventTime,
      };
      const k = `${row.endpoint_id}\u0000${row.run_id}\u0000${row.assertion}\u0000${row.column_name}`;
      const existing = assertions.get(k);
      if (!existing || row.observed_at >= existing.observed_at) {
        assertions.set(k, row);
      }
    }
    for (const m of f.metrics) {
      const row = {
        endpoint_id: m.endpointId,
        run_id: m.runId ?? '',
        row_count: m.rowCount ?? null,
        bytes: m.bytes ?? null,
        file_count: m.fileCount ?? null,
        column_metrics: m.columnMetrics,
        observed_at: f.eventTime,
      };
      const k = `${row.endpoint_id}\u0000${row.run_id}`;
      const existing = metrics.get(k);
      if (!existing || row.observed_at >= existing.observed_at) {
        metrics.set(k, row);
      }
    }
  }
  await bulkInsert(trx, 'quality_assertions', [...assertions.values()], {
    onConflict: {
      keys: ['endpoint_id', 'run_id', 'assertion', 'column_name'],
      where: 'quality_assertions.observed_at <= excluded.observed_at',
    },
  });
  await bulkInsert(trx, 'quality_metrics', [...metrics.values()], {
    onConflict: {
      keys: ['endpoint_id', 'run_id'],
      where: 'quality_metrics.observed_at <= excluded.observed_at',
    },
  });
}
