import { Knex } from 'knex';
import { bulkInsert, selectForUpdate } from './bulkWrite';

type Row = Record<string, any>;

/*
 * How projectors write rows that many transactions touch: existing rows
 * locked in key order (PostgreSQL; SQLite has a single writer), merged in
 * memory with order-independent rules and written back in bulk. Locking in
 * a fixed order keeps concurrent batches that touch the same rows from
 * deadlocking or losing updates.
 */

export function groupBy<T>(
  items: T[],
  key: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Loads the rows that exist among `ids`, locked (PostgreSQL), by key. */
async function loadLocked(
  trx: Knex.Transaction,
  table: string,
  key: string,
  ids: string[],
): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for (const row of await selectForUpdate(trx, table, key, ids)) {
    rows.set(row[key], row);
  }
  return rows;
}

/**
 * Merges a batch into the rows keyed by `ids`: existing rows are loaded
 * locked, in key order, and written back merged; missing ones are inserted
 * with their merged values at once, so a new row is written once rather
 * than seeded and rewritten. Should another transaction create one of them
 * meanwhile, the insert skips it and it is merged again from the row that
 * won. `merge` may thus run twice for an id; the last call's row is the
 * one written. Returns, by key, the rows as written and the rows they
 * were merged from (none for a new row).
 */
export async function mergeRows(
  trx: Knex.Transaction,
  table: string,
  key: string,
  ids: string[],
  merge: (id: string, current: Row | undefined) => Row | Promise<Row>,
): Promise<{ written: Map<string, Row>; found: Map<string, Row> }> {
  const sorted = [...ids].sort();
  const existing = await loadLocked(trx, table, key, sorted);
  const found = new Map(existing);
  const written = new Map<string, Row>();
  const updates: Row[] = [];
  const inserts: Row[] = [];
  for (const id of sorted) {
    const current = existing.get(id);
    const next = await merge(id, current);
    written.set(id, next);
    (current ? updates : inserts).push(next);
  }
  const created = new Set<string>(
    (
      await bulkInsert(trx, table, inserts, {
        onConflict: { keys: [key], ignore: true },
        returning: key,
      })
    ).map(row => row[key]),
  );
  const raced = inserts.map(r => r[key]).filter(id => !created.has(id));
  if (raced.length) {
    const won = await loadLocked(trx, table, key, raced);
    for (const id of raced) {
      const next = await merge(id, won.get(id));
      found.set(id, won.get(id)!);
      written.set(id, next);
      updates.push(next);
    }
  }
  await upsert(trx, table, [key], updates);
  return { written, found };
}

export async function upsert(
  trx: Knex.Transaction,
  table: string,
  key: string[],
  rows: Row[],
) {
  await bulkInsert(trx, table, rows, { onConflict: { keys: key } });
}

/** Inserts the rows not there yet, each key once. */
export async function insertIgnore(
  trx: Knex.Transaction,
  table: string,
  key: string[],
  rows: Row[],
) {
  const unique = [
    ...new Map(rows.map(r => [key.map(k => r[k]).join('\u0000'), r])).values(),
  ];
  await bulkInsert(trx, table, unique, {
    onConflict: { keys: key, ignore: true },
  });
}
