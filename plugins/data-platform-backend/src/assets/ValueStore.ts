import { Knex } from 'knex';
import { likeEscaped } from '../database/cursors';

/** The fields whose distinct values the filters suggest. */
export type ValueField = 'namespace' | 'tag' | 'owner';

/** One distinct value and how many endpoints or workflows have it. */
export type ValueCount = { value: string; count: number };

export type ValueQuery = {
  field: ValueField;
  kind: 'endpoint' | 'workflow';
  /** What the value starts with; for owners, also what the team name does. */
  prefix?: string;
  limit: number;
};

// Bounds what a suggestion list can cost: the picker shows a screenful.
export const MAX_VALUES = 100;

const TABLES = { endpoint: 'endpoints', workflow: 'workflows' } as const;

/**
 * The distinct namespaces, tags and owners of endpoints or workflows, most
 * used first, for the explorers' pickers.
 *
 * A namespace prefix is a range on the `(namespace, name)` index, then a
 * LIKE that keeps it exact. Owners are the resolved refs the owner filter
 * matches (`owner_ref`), matched on the whole ref or on the name after its
 * kind and namespace, so `ads` finds
 * `group:default/ads-measurement`; tags are unpacked from their JSON
 * array. Those two group every row of the table: what they cost grows with
 * the table, which at a few hundred thousand rows is still a scan of one
 * narrow column.
 */
export class ValueStore {
  constructor(private readonly db: Knex) {}

  async listValues(query: ValueQuery): Promise<ValueCount[]> {
    const limit = Math.max(1, Math.min(query.limit, MAX_VALUES));
    const prefix = query.prefix ?? '';
    const table = TABLES[query.kind];
    let rows: Array<Record<string, unknown>>;
    if (query.field === 'namespace') {
      const q = this.db(table)
        .select('namespace as value')
        .count({ count: '*' })
        .groupBy('namespace');
      if (prefix) {
        q.where('namespace', '>=', prefix).whereRaw(
          `namespace like ? escape '\\'`,
          [`${likeEscaped(prefix)}%`],
        );
      }
      rows = await q
        .orderBy([
          { column: 'count', order: 'desc' },
          { column: 'value', order: 'asc' },
        ])
        .limit(limit);
    } else if (query.field === 'owner') {
      // The resolved owner, which the owner filter matches; stored as a
      // full lower-case ref.
      const q = this.db(table)
        .select('owner_ref as value')
        .count({ count: '*' })
        .whereNotNull('owner_ref')
        .groupBy('owner_ref');
      if (prefix) {
        const lowered = likeEscaped(prefix.toLowerCase());
        q.where(w =>
          w
            .whereRaw(`owner_ref like ? escape '\\'`, [`${lowered}%`])
            .orWhereRaw(`owner_ref like ? escape '\\'`, [`%:${lowered}%`])
            .orWhereRaw(`owner_ref like ? escape '\\'`, [`%/${lowered}%`]),
        );
      }
      rows = await q
        .orderBy([
          { column: 'count', order: 'desc' },
          { column: 'value', order: 'asc' },
        ])
        .limit(limit);
    } else {
      rows = await this.tagValues(table, prefix, limit);
    }
    return rows.map(row => ({
      value: String(row.value),
      count: Number(row.count),
    }));
  }

  private async tagValues(table: string, prefix: string, limit: number) {
    const pg = this.db.client.config.client === 'pg';
    // Each dialect's own way to turn a JSON array into rows.
    const unpack = pg
      ? this.db.raw('jsonb_array_elements_text(??::jsonb) as t(value)', [
          `${table}.tags`,
        ])
      : this.db.raw('json_each(??) as t', [`${table}.tags`]);
    const q = this.db
      .from(this.db.raw('??, ?', [table, unpack]))
      .select('t.value as value')
      .count({ count: '*' })
      .groupBy('t.value');
    if (prefix) {
      q.whereRaw(`lower(t.value) like ? escape '\\'`, [
        `${likeEscaped(prefix.toLowerCase())}%`,
      ]);
    }
    return await q
      .orderBy([
        { column: 'count', order: 'desc' },
        { column: 'value', order: 'asc' },
      ])
      .limit(limit);
  }
}
