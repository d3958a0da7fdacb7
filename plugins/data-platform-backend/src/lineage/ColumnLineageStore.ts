import { Knex } from 'knex';
import { ColumnLineageRow, readColumnLineageRow } from './columnLineageRows';
import { chunks, CHUNK, placeholders, rawRows, Row, Sql } from './sql';

/**
 * The SQL behind column lineage: one query per hop of a column walk, and
 * the identities (own and aliases) its datasets are known by.
 */
export class ColumnLineageStore {
  constructor(private readonly db: Knex) {}

  private rows(query: Sql): Promise<Row[]> {
    return rawRows(this.db, query);
  }

  /** The identities endpoints are known by: their own and their aliases. */
  async endpointIdentities(
    ids: string[],
    withAliases = true,
  ): Promise<{ id: string; namespace: string; name: string }[]> {
    const out: { id: string; namespace: string; name: string }[] = [];
    for (const part of chunks(ids)) {
      out.push(
        ...(await this.db('endpoints')
          .whereIn('id', part)
          .select('id', 'namespace', 'name')),
      );
      if (!withAliases) continue;
      const aliases = await this.db('endpoint_aliases')
        .whereIn('endpoint_id', part)
        .select('endpoint_id', 'namespace', 'name');
      out.push(
        ...aliases.map(r => ({
          id: r.endpoint_id,
          namespace: r.namespace,
          name: r.name,
        })),
      );
    }
    return out;
  }

  /** Resolves identities (endpoint or alias) to endpoint ids where known. */
  async resolveIdentities(
    identities: { namespace: string; name: string }[],
  ): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    const key = (ns: string, n: string) => `${ns}\u0000${n}`;
    for (const part of chunks(identities)) {
      const where = part.map(() => '(namespace = ? AND name = ?)').join(' OR ');
      const bindings = part.flatMap(i => [i.namespace, i.name]);
      const aliases = await this.rows({
        sql: `SELECT namespace, name, endpoint_id AS id FROM endpoint_aliases WHERE ${where}`,
        bindings,
      });
      for (const row of aliases) {
        resolved.set(key(row.namespace, row.name), row.id);
      }
      // An endpoint's own identity wins over another's alias.
      const direct = await this.rows({
        sql: `SELECT namespace, name, id FROM endpoints WHERE ${where}`,
        bindings,
      });
      for (const row of direct)
        resolved.set(key(row.namespace, row.name), row.id);
    }
    return resolved;
  }

  /**
   * The column lineage rows of these endpoints' fields (all of them
   * without `fields`), with their dataset-level rows: the upstream step.
   */
  async columnLineageOf(
    outputs: { endpointId: string; fields?: string[] }[],
  ): Promise<ColumnLineageRow[]> {
    return this.columnRows(
      outputs.map(o => ({
        sql: o.fields
          ? `(endpoint_id = ? AND field IN (${placeholders(
              o.fields.length + 1,
            )}))`
          : '(endpoint_id = ?)',
        bindings: [o.endpointId, ...(o.fields ? [...o.fields, ''] : [])],
      })),
    );
  }

  /**
   * The column lineage rows whose input is one of these identities' fields
   * (all of them without `fields`): the downstream step, on the input
   * index.
   */
  async columnLineageFrom(
    inputs: { namespace: string; name: string; fields?: string[] }[],
  ): Promise<ColumnLineageRow[]> {
    return this.columnRows(
      inputs.map(i => ({
        sql: `(input_namespace = ? AND input_name = ?${
          i.fields
            ? ` AND input_field IN (${placeholders(i.fields.length)})`
            : ''
        })`,
        bindings: [i.namespace, i.name, ...(i.fields ?? [])],
      })),
    );
  }

  /** Rows matching any of the conditions, in as few statements as fit. */
  private async columnRows(conditions: Sql[]): Promise<ColumnLineageRow[]> {
    const out: ColumnLineageRow[] = [];
    let i = 0;
    while (i < conditions.length) {
      const part: Sql[] = [];
      let size = 0;
      while (
        i < conditions.length &&
        (part.length === 0 || size + conditions[i].bindings.length <= CHUNK * 2)
      ) {
        size += conditions[i].bindings.length;
        part.push(conditions[i++]);
      }
      const rows = await this.rows({
        sql: `SELECT * FROM column_lineage WHERE ${part
          .map(c => c.sql)
          .join(' OR ')}`,
        bindings: part.flatMap(c => c.bindings),
      });
      out.push(...rows.map(readColumnLineageRow));
    }
    return out;
  }
}
