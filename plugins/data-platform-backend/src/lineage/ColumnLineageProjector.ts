import { bulkInsert } from '../database/bulkWrite';
import { ProjectionBatch, Projector } from '../eventlog/FactWriter';
import { COLUMN_LINEAGE_KEY, columnLineageRow } from './columnLineageRows';

type Row = Record<string, any>;

/**
 * `column_lineage`, from the columnLineage facet: one row per output
 * field, input field and transformation, with the newest description.
 */
export class ColumnLineageProjector implements Projector {
  readonly tables = ['column_lineage'];

  async apply({ trx, facts }: ProjectionBatch): Promise<void> {
    // Within a batch the newest description wins; across batches, likewise.
    const newest = new Map<string, Row>();
    for (const f of facts) {
      for (const fact of f.columnLineage) {
        const row: Row = columnLineageRow(fact, f.eventTime);
        const k = COLUMN_LINEAGE_KEY.map(c => row[c]).join('\u0000');
        const existing = newest.get(k);
        if (!existing || row.updated_at >= existing.updated_at) {
          newest.set(k, row);
        }
      }
    }
    await bulkInsert(trx, 'column_lineage', [...newest.values()], {
      onConflict: {
        keys: COLUMN_LINEAGE_KEY,
        where: 'column_lineage.updated_at <= excluded.updated_at',
      },
    });
  }
}
