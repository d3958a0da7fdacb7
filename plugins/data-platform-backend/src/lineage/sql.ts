import { Knex } from 'knex';

export type Row = Record<string, any>;

/** An SQL fragment with its bindings, in the order they appear. */
export type Sql = { sql: string; bindings: Knex.Value[] };

// SQLite takes 32,766 bound parameters a statement; PostgreSQL 65,535.
export const CHUNK = 5_000;

export function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK));
  }
  return out;
}

export const placeholders = (n: number) => new Array(n).fill('?').join(', ');

/** The rows a raw statement returns, on either database. */
export async function rawRows(db: Knex, query: Sql): Promise<Row[]> {
  const result = await db.raw(query.sql, query.bindings);
  return Array.isArray(result) ? result : result?.rows ?? [];
}
