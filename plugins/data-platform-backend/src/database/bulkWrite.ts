import { Knex } from 'knex';

type Row = Record<string, any>;

/** What an insert does with a row whose key already exists. */
export type OnConflict = {
  keys: string[];
  /** Leave the existing row as it is. */
  ignore?: boolean;
  /** Columns taken from the new row; by default every non-key column. */
  update?: string[];
  /** Columns set by an SQL expression over `excluded` and the table. */
  set?: Record<string, string>;
  /** An SQL condition: the existing row is updated only where it holds. */
  where?: string;
};

// Under SQLite's limit of 32,766 bound parameters (PostgreSQL's is 65,535).
const MAX_PARAMETERS = 30_000;

const quote = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`Not a column or table name: ${name}`);
  }
  return `"${name}"`;
};

function conflictClause(conflict: OnConflict, columns: string[]): string {
  const target = `ON CONFLICT (${conflict.keys.map(quote).join(', ')})`;
  if (conflict.ignore) return `${target} DO NOTHING`;
  const assignments = (
    conflict.update ?? columns.filter(c => !conflict.keys.includes(c))
  ).map(c => `${quote(c)} = excluded.${quote(c)}`);
  for (const [column, expression] of Object.entries(conflict.set ?? {})) {
    assignments.push(`${quote(column)} = ${expression}`);
  }
  const where = conflict.where ? ` WHERE ${conflict.where}` : '';
  return `${target} DO UPDATE SET ${assignments.join(', ')}${where}`;
}

function resultRows(result: any): Row[] {
  return Array.isArray(result) ? result : result?.rows ?? [];
}

/** An object or array, stored as JSON text. */
const isDocument = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof Date) &&
  !Buffer.isBuffer(value);

/** What {@link bulkInsert} does besides inserting. */
export type BulkInsertOptions = {
  onConflict?: OnConflict;
  returning?: string | string[];
  values?: boolean;
};

/** One SQL statement with its bindings. */
export type Statement = { sql: string; bindings: Knex.Value[] };

/**
 * The statements {@link bulkInsert} runs for `rows`, so that a caller can
 * embed one in a larger statement (a writable CTE) instead of running it.
 */
export function insertStatements(
  client: string,
  table: string,
  rows: Row[],
  options: BulkInsertOptions = {},
): Statement[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const names = columns.map(quote).join(', ');
  const tail = [
    options.onConflict ? conflictClause(options.onConflict, columns) : '',
    options.returning
      ? `RETURNING ${[options.returning].flat().map(quote).join(', ')}`
      : '',
  ].join(' ');

  if (client === 'pg' && !options.values) {
    return [
      {
        sql: `INSERT INTO ${quote(
          table,
        )} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${quote(
          table,
        )}, ?::json) ${tail}`,
        bindings: [JSON.stringify(rows)],
      },
    ];
  }

  const statements: Statement[] = [];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const bindings: Knex.Value[] = [];
    for (const row of part) {
      for (const column of columns) {
        const value = row[column] ?? null;
        bindings.push(isDocument(value) ? JSON.stringify(value) : value);
      }
    }
    statements.push({
      sql: `INSERT INTO ${quote(table)} (${names}) VALUES ${part
        .map(() => tuple)
        .join(', ')} ${tail}`,
      bindings,
    });
  }
  return statements;
}

/**
 * Inserts rows in as few statements as the database takes, all of one
 * shape (the first row's columns).
 *
 * On PostgreSQL the rows travel as one JSON document that
 * `json_populate_recordset` expands: one parameter and a short statement
 * however many rows, which costs the driver and the server far less than a
 * VALUES list with a parameter per cell. A cell that is an object or an
 * array goes into its text column as JSON, nested in the document as it is
 * so that its quotes are not escaped a second time. Rows that carry large
 * JSON text as strings (raw payloads) are cheaper as VALUES, where the text
 * is sent as it is: `values: true`. SQLite always gets VALUES.
 *
 * Every value is a bound parameter; names are checked identifiers.
 *
 * @returns the `returning` columns of the rows inserted or updated.
 */
export async function bulkInsert(
  db: Knex | Knex.Transaction,
  table: string,
  rows: Row[],
  options: BulkInsertOptions = {},
): Promise<Row[]> {
  return await runStatements(
    db,
    insertStatements(db.client.config.client, table, rows, options),
  );
}

/** Runs statements in order; returns the rows they all returned. */
export async function runStatements(
  db: Knex | Knex.Transaction,
  statements: Statement[],
): Promise<Row[]> {
  const returned: Row[] = [];
  for (const { sql, bindings } of statements) {
    returned.push(...resultRows(await db.raw(sql, bindings)));
  }
  return returned;
}

/**
 * The rows whose `key` is one of `ids`, in key order; on PostgreSQL locked
 * for update, so concurrent writers take them one after the other.
 */
export async function selectForUpdate(
  db: Knex | Knex.Transaction,
  table: string,
  key: string,
  ids: string[],
): Promise<Row[]> {
  if (ids.length === 0) return [];
  if (db.client.config.client === 'pg') {
    const result = await db.raw(
      `SELECT * FROM ${quote(table)} WHERE ${quote(
        key,
      )} IN (SELECT json_array_elements_text(?::json)) ORDER BY ${quote(
        key,
      )} FOR UPDATE`,
      [JSON.stringify(ids)],
    );
    return resultRows(result);
  }
  const rows: Row[] = [];
  for (let i = 0; i < ids.length; i += MAX_PARAMETERS) {
    rows.push(
      ...(await db(table)
        .whereIn(key, ids.slice(i, i + MAX_PARAMETERS))
        .orderBy(key)),
    );
  }
  return rows;
}
