// @ts-check
// The floor: the rows the service ended up with, written again by plain
// batched knex INSERTs into a fresh database with the same schema. No HTTP,
// no JSON parsing, no validation, no derivation, no read-merge-write; just
// what storing those rows costs on this machine, today. The service's
// figures are reported as a ratio to it, which is what survives the noise
// of a shared two-core machine.
//
// The rows are read from the service's database after it stopped (not
// timed), so they are exactly what the service derived. Rows of shared
// entities (endpoints, schema versions, workflows, aliases, column lineage,
// lineage edges) are written once; the service rewrites them on every event
// that mentions them, and that rewriting is part of the overhead the ratio
// shows. What the service keeps only to schedule its own work (a queue of
// events waiting for derivation) is not data a reader gets back, so the
// floor does not write it.

/** @typedef {import('knex').Knex} Knex */
/** @typedef {Record<string, any>} Row */

/** Tables holding one or more rows per run; the rest are shared entities. */
const RUN_TABLES = [
  'runs',
  'run_io',
  'partitions',
  'quality_metrics',
  'quality_assertions',
];
const SHARED_TABLES = [
  'endpoints',
  'endpoint_aliases',
  'schema_versions',
  'workflows',
  'workflow_io',
  'column_lineage',
  'lineage_edges',
];
// As the service's store chunks them: one statement stays under SQLite's
// bound-parameter limit.
const ROWS_PER_STATEMENT = 200;

/**
 * Raw events by position in arrival order (id order), `count` of them from
 * `offset`.
 *
 * @param {Knex} db @param {number} offset @param {number} count
 * @returns {Promise<Row[]>}
 */
async function rawEvents(db, offset, count) {
  /** @type {Row[]} */
  const rows = [];
  const first = await db('raw_events').orderBy('id').offset(offset).first('id');
  if (!first) return rows;
  let lastId = Number(first.id) - 1;
  while (rows.length < count) {
    const page = await db('raw_events')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(Math.min(2000, count - rows.length));
    if (page.length === 0) break;
    lastId = Number(page[page.length - 1].id);
    for (const { id: _id, ...row } of page) rows.push(row);
  }
  return rows;
}

/**
 * Every run-keyed row of the given runs, grouped by run id.
 *
 * @param {Knex} db @param {string[]} runIds
 * @returns {Promise<Map<string, Record<string, Row[]>>>}
 */
async function runRows(db, runIds) {
  /** @type {Map<string, Record<string, Row[]>>} */
  const byRun = new Map();
  for (let i = 0; i < runIds.length; i += 500) {
    const part = runIds.slice(i, i + 500);
    for (const table of RUN_TABLES) {
      for (const row of await db(table).whereIn('run_id', part)) {
        let tables = byRun.get(row.run_id);
        if (!tables) byRun.set(row.run_id, (tables = {}));
        (tables[table] ??= []).push(row);
      }
    }
  }
  return byRun;
}

/**
 * @typedef {{ raw: Row[], tables: Record<string, Row[]> }} Unit
 *   What one service request stored: its raw events and the rows first
 *   created for their runs.
 */

/**
 * Groups events into units of `size` events, attaching each run's rows to
 * the first unit that mentions the run and that no earlier unit wrote.
 *
 * @param {Row[]} raw @param {Map<string, Record<string, Row[]>>} byRun
 * @param {number} size @param {Set<string>} written
 * @returns {Unit[]}
 */
function units(raw, byRun, size, written) {
  /** @type {Unit[]} */
  const result = [];
  for (let i = 0; i < raw.length; i += size) {
    const unit = {
      raw: raw.slice(i, i + size),
      tables: /** @type {Record<string, Row[]>} */ ({}),
    };
    for (const event of unit.raw) {
      const runId = event.run_id;
      if (!runId || written.has(runId)) continue;
      written.add(runId);
      for (const [table, rows] of Object.entries(byRun.get(runId) ?? {})) {
        (unit.tables[table] ??= []).push(...rows);
      }
    }
    result.push(unit);
  }
  return result;
}

// SQL statements sent, BEGIN and COMMIT included, as the service's are counted.
let statements = 0;

/** @param {Knex | import('knex').Knex.Transaction} db @param {string} table @param {Row[]} rows */
async function insertAll(db, table, rows) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    statements++;
    await db(table).insert(rows.slice(i, i + ROWS_PER_STATEMENT));
  }
}

/** @param {Knex} db @param {Unit} unit */
async function writeUnit(db, unit) {
  statements += 2;
  await db.transaction(async trx => {
    await insertAll(trx, 'raw_events', unit.raw);
    for (const [table, rows] of Object.entries(unit.tables)) {
      await insertAll(trx, table, rows);
    }
  });
}

/**
 * Writes units with `workers` concurrent writers, like concurrent clients.
 *
 * @param {Knex} db @param {Unit[]} list @param {number} workers
 * @param {number} deadline epoch ms after which no new unit starts
 */
async function writeConcurrently(db, list, workers, deadline) {
  const latencies = new Float64Array(list.length);
  let next = 0;
  let done = 0;
  let accepted = 0;
  const statements0 = statements;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < list.length && Date.now() < deadline) {
        const unit = list[next++];
        const t0 = performance.now();
        await writeUnit(db, unit);
        latencies[done++] = performance.now() - t0;
        accepted += unit.raw.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    accepted,
    seconds,
    latencies: latencies.subarray(0, done),
    statementsPerEvent: accepted
      ? (statements - statements0) / accepted
      : undefined,
  };
}

/**
 * Reads what the floor will write (not timed: the floor is the cost of
 * writing, not of reading) and returns the timed writes.
 *
 * @param {{
 *   source: Knex, target: Knex,
 *   batch: { offset: number, count: number, size: number, workers: number },
 *   single: { offset: number, count: number, workers: number },
 * }} options
 */
export async function prepareFloor(options) {
  const { source, target, batch, single } = options;
  const batchRaw = await rawEvents(source, batch.offset, batch.count);
  const singleRaw = await rawEvents(source, single.offset, single.count);
  const runIds = [
    ...new Set([...batchRaw, ...singleRaw].map(r => r.run_id).filter(Boolean)),
  ];
  const byRun = await runRows(source, runIds);
  /** @type {Record<string, Row[]>} */
  const shared = {};
  for (const table of SHARED_TABLES) shared[table] = await source(table);
  const written = new Set();
  const batchUnits = units(batchRaw, byRun, batch.size, written);
  const singleUnits = units(singleRaw, byRun, 1, written);

  return {
    sharedRows: Object.values(shared).reduce((n, rows) => n + rows.length, 0),
    runRows: [...byRun.values()].reduce(
      (n, tables) =>
        n + Object.values(tables).reduce((m, rows) => m + rows.length, 0),
      0,
    ),
    /**
     * Shared entities in one transaction, then the batches; the shared
     * rows' time counts towards the batch floor.
     *
     * @param {number} deadline
     */
    async writeBatches(deadline) {
      const t0 = performance.now();
      const statements0 = statements;
      statements += 2;
      await target.transaction(async trx => {
        for (const [table, rows] of Object.entries(shared)) {
          await insertAll(trx, table, rows);
        }
      });
      const sharedSeconds = (performance.now() - t0) / 1000;
      const sharedStatements = statements - statements0;
      const result = await writeConcurrently(
        target,
        batchUnits,
        batch.workers,
        deadline,
      );
      return {
        ...result,
        seconds: result.seconds + sharedSeconds,
        statementsPerEvent: result.accepted
          ? (result.statementsPerEvent ?? 0) +
            sharedStatements / result.accepted
          : undefined,
      };
    },
    /** One transaction per event. @param {number} deadline */
    async writeSingles(deadline) {
      return await writeConcurrently(
        target,
        singleUnits,
        single.workers,
        deadline,
      );
    },
  };
}
