// @ts-check
// Loads a generated platform's derived rows straight into the service's
// tables, in big chunks of `INSERT ... SELECT FROM unnest($1::text[], ...)`
// with one array parameter per column (pg-copy-streams is not in the tree;
// array parameters are the next fastest way through node-pg). The next
// chunk is built while PostgreSQL writes the previous one.
//
// Rows are loaded directly on purpose: ingesting 1M endpoints' events
// through HTTP would take hours, and bench:ingest measures ingestion.
import {
  JOB_DECLARED,
  NO_COMPLETED_RUN,
  TEAMS,
  computeIds,
  endpointIdentity,
  ioOf,
  runId,
  runsOf,
  workflowIdentity,
} from './platform.mjs';

const CHUNK = 25_000;

/** @typedef {import('./platform.mjs').Platform} Platform */
/** @typedef {[name: string, type: string]} Column */

/**
 * @param {import('knex').Knex} knex
 * @param {string} table @param {Column[]} columns
 */
function inserter(knex, table, columns) {
  const sql = `INSERT INTO ${table} (${columns
    .map(c => c[0])
    .join(', ')}) SELECT * FROM unnest(${columns
    .map((c, i) => `$${i + 1}::${c[1]}[]`)
    .join(', ')})`;
  /** @type {unknown[][]} */
  let cells = columns.map(() => []);
  /** @type {Promise<unknown>} */
  let pending = Promise.resolve();
  let rows = 0;
  const flush = async () => {
    if (cells[0].length === 0) return;
    const values = cells;
    cells = columns.map(() => []);
    await pending;
    // Raw pg client: knex would re-scan the statement for `?` bindings.
    pending = knex.client
      .acquireConnection()
      .then(async (/** @type {any} */ connection) => {
        try {
          await connection.query(sql, values);
        } finally {
          knex.client.releaseConnection(connection);
        }
      });
    // Surface a failure at the next flush at the latest.
    pending.catch(() => {});
  };
  return {
    /** @param {unknown[]} row */
    async add(row) {
      for (let i = 0; i < row.length; i++) cells[i].push(row[i]);
      rows++;
      if (cells[0].length >= CHUNK) await flush();
    },
    async end() {
      await flush();
      await pending;
      return rows;
    },
  };
}

const LOADED = [
  'endpoints',
  'workflows',
  'runs',
  'run_io',
  'workflow_io',
  'lineage_edges',
];

/**
 * The loaded tables' constraints (primary keys, unique) and other indexes,
 * as PostgreSQL prints their definitions.
 *
 * @param {import('knex').Knex} knex
 */
async function indexDefinitions(knex) {
  const { rows: constraints } = await knex.raw(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS "table",
            pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c
     WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text = ANY(?)
     ORDER BY 2, 1`,
    [LOADED],
  );
  const { rows: others } = await knex.raw(
    `SELECT i.indexname AS name, i.tablename AS "table", i.indexdef AS def
     FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY(?)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                       WHERE c.conname = i.indexname)
     ORDER BY 2, 1`,
    [LOADED],
  );
  return {
    constraints: /** @type {{ name: string, table: string, def: string }[]} */ (
      constraints
    ),
    others: /** @type {{ name: string, table: string, def: string }[]} */ (
      others
    ),
  };
}

/** @param {import('knex').Knex} knex */
async function dropIndexes(knex) {
  const found = await indexDefinitions(knex);
  for (const i of found.others) await knex.raw('DROP INDEX ??', [i.name]);
  for (const c of found.constraints) {
    await knex.raw('ALTER TABLE ?? DROP CONSTRAINT ??', [c.table, c.name]);
  }
  return found;
}

/**
 * Builds the dropped constraints and indexes again, two at a time, and
 * checks that the schema is what the migrations made.
 *
 * @param {import('knex').Knex} knex
 * @param {Awaited<ReturnType<typeof indexDefinitions>>} found
 */
async function restoreIndexes(knex, found) {
  const statements = [
    ...found.constraints.map(
      c => () =>
        knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? ${c.def}`, [
          c.table,
          c.name,
        ]),
    ),
    // The definitions come from pg_indexes, not from input.
    ...found.others.map(i => () => knex.raw(i.def)),
  ];
  const work = [...statements];
  await Promise.all(
    [0, 1].map(async () => {
      for (let next = work.shift(); next; next = work.shift()) await next();
    }),
  );
  const after = await indexDefinitions(knex);
  if (JSON.stringify(after) !== JSON.stringify(found)) {
    throw new Error(
      `Indexes differ after loading: ${JSON.stringify({ found, after })}`,
    );
  }
}

const iso = (/** @type {number | null} */ ms) =>
  ms === null ? null : new Date(ms).toISOString();

/**
 * Loads every table and returns rows and seconds per table. Two lanes run
 * at once (PostgreSQL writes one table while node builds another's rows),
 * and the tables' indexes are dropped before and built again after, from
 * their own definitions: sorting once is several times cheaper than
 * maintaining random-keyed B-trees row by row. The schema afterwards is
 * checked to be the migrations' again.
 *
 * @param {import('knex').Knex} knex @param {Platform} p
 */
export async function loadPlatform(knex, p) {
  computeIds(p);
  /** @type {Record<string, { rows: number, seconds: number }>} */
  const tables = {};
  const timed = async (
    /** @type {string} */ name,
    /** @type {() => Promise<number>} */ fn,
  ) => {
    const t0 = performance.now();
    const rows = await fn();
    tables[name] = { rows, seconds: (performance.now() - t0) / 1000 };
  };
  const created = iso(p.now - 60 * 86_400_000);

  // The time the current run of each workflow ended, for its outputs'
  // freshness; null for a workflow without a completed run.
  const currentRunEnd = (/** @type {number} */ w) =>
    p.flags[w] === NO_COMPLETED_RUN ? null : p.currentEnd[w];

  // With the current flag (migration 20261128010000) every edge carries
  // it, as ingestion would have set it.
  const flagged = await knex.schema.hasColumn('lineage_edges', 'current');

  const indexes = await dropIndexes(knex);

  const laneA = async () => {
    await timed('endpoints', async () => {
      const ins = inserter(knex, 'endpoints', [
        ['id', 'text'],
        ['namespace', 'text'],
        ['name', 'text'],
        ['owner', 'text'],
        ['field_count', 'int'],
        ['last_partition_key', 'text'],
        ['last_partition_at', 'timestamptz'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ]);
      for (let e = 0; e < p.endpointCount; e++) {
        const { namespace, name } = endpointIdentity(p, e);
        const w = p.producer[e];
        const landed =
          w < 0 ? p.now - (e % 3600) * 1000 : currentRunEnd(w) ?? null;
        await ins.add([
          p.endpointIds[e],
          namespace,
          name,
          TEAMS[p.endpointTeam[e]],
          5 + (e % 26),
          landed === null ? null : iso(landed)?.slice(0, 13),
          iso(landed),
          created,
          iso(landed ?? p.now - 86_400_000),
        ]);
      }
      return await ins.end();
    });

    await timed('workflows', async () => {
      const ins = inserter(knex, 'workflows', [
        ['id', 'text'],
        ['namespace', 'text'],
        ['name', 'text'],
        ['owner', 'text'],
        ['job_io_time', 'timestamptz'],
        ['current_run_id', 'text'],
        ['current_run_ended_at', 'timestamptz'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ]);
      for (let w = 0; w < p.workflowCount; w++) {
        const { namespace, name } = workflowIdentity(p, w);
        const end = currentRunEnd(w);
        await ins.add([
          p.workflowIds[w],
          namespace,
          name,
          TEAMS[p.workflowTeam[w]],
          p.flags[w] === JOB_DECLARED ? iso(p.currentEnd[w] + 60_000) : null,
          end === null ? null : runId(p, w, 0),
          iso(end),
          created,
          iso(p.currentEnd[w]),
        ]);
      }
      return await ins.end();
    });

    await timed('runs', async () => {
      const ins = inserter(knex, 'runs', [
        ['run_id', 'text'],
        ['workflow_id', 'text'],
        ['state', 'text'],
        ['state_rank', 'int'],
        ['state_event_type', 'text'],
        ['state_time', 'timestamptz'],
        ['started_at', 'timestamptz'],
        ['ended_at', 'timestamptz'],
        ['sort_time', 'timestamptz'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ]);
      for (let w = 0; w < p.workflowCount; w++) {
        for (const r of runsOf(p, w)) {
          await ins.add([
            runId(p, w, r.k),
            p.workflowIds[w],
            r.state,
            r.state === 'RUNNING' ? 1 : 3,
            r.state === 'RUNNING'
              ? 'START'
              : r.state === 'FAILED'
              ? 'FAIL'
              : 'COMPLETE',
            iso(r.stateTime),
            iso(r.startedAt),
            iso(r.endedAt),
            iso(r.startedAt),
            iso(r.startedAt),
            iso(r.stateTime),
          ]);
        }
      }
      return await ins.end();
    });
  };
  const laneB = async () => {
    await timed('run_io', async () => {
      const ins = inserter(knex, 'run_io', [
        ['run_id', 'text'],
        ['endpoint_id', 'text'],
        ['direction', 'text'],
      ]);
      for (let w = 0; w < p.workflowCount; w++) {
        for (const r of runsOf(p, w)) {
          const id = runId(p, w, r.k);
          for (const [e, direction] of ioOf(p, w, r.io)) {
            await ins.add([id, p.endpointIds[e], direction]);
          }
        }
      }
      return await ins.end();
    });
  };
  const laneC = async () => {
    await timed('workflow_io', async () => {
      const ins = inserter(knex, 'workflow_io', [
        ['workflow_id', 'text'],
        ['endpoint_id', 'text'],
        ['direction', 'text'],
      ]);
      for (let w = 0; w < p.workflowCount; w++) {
        if (p.flags[w] !== JOB_DECLARED) continue;
        for (const [e, direction] of ioOf(p, w, 'current')) {
          await ins.add([p.workflowIds[w], p.endpointIds[e], direction]);
        }
      }
      return await ins.end();
    });
  };
  const laneD = async () => {
    await timed('lineage_edges', async () => {
      const ins = inserter(knex, 'lineage_edges', [
        ['workflow_id', 'text'],
        ['endpoint_id', 'text'],
        ['direction', 'text'],
        ['first_seen_at', 'timestamptz'],
        ['last_seen_at', 'timestamptz'],
        ...(flagged ? [['current', 'boolean']] : []),
      ]);
      /** @type {Map<string, [number, number]>} */
      const seen = new Map();
      for (let w = 0; w < p.workflowCount; w++) {
        seen.clear();
        for (const r of runsOf(p, w)) {
          const last = r.endedAt ?? r.stateTime;
          for (const [e, direction] of ioOf(p, w, r.io)) {
            const key = `${e}|${direction}`;
            const span = seen.get(key);
            if (!span) seen.set(key, [r.startedAt, last]);
            else {
              span[0] = Math.min(span[0], r.startedAt);
              span[1] = Math.max(span[1], last);
            }
          }
        }
        if (p.flags[w] === JOB_DECLARED) {
          const declared = p.currentEnd[w] + 60_000;
          for (const span of seen.values())
            span[1] = Math.max(span[1], declared);
        }
        // Current: the current run's or JobEvent's edges, or every edge
        // of a workflow without a completed run.
        const current = new Set(
          ioOf(p, w, 'current').map(([e, direction]) => `${e}|${direction}`),
        );
        for (const [key, [first, last]] of seen) {
          const bar = key.indexOf('|');
          await ins.add([
            p.workflowIds[w],
            p.endpointIds[Number(key.slice(0, bar))],
            key.slice(bar + 1),
            iso(first),
            iso(last),
            ...(flagged
              ? [p.flags[w] === NO_COMPLETED_RUN || current.has(key)]
              : []),
          ]);
        }
      }
      return await ins.end();
    });
  };
  const t0 = performance.now();
  await Promise.all([laneA().then(laneC), laneB().then(laneD)]);
  tables.rows = { rows: 0, seconds: (performance.now() - t0) / 1000 };

  let t1 = performance.now();
  await restoreIndexes(knex, indexes);
  tables.indexes = { rows: 0, seconds: (performance.now() - t1) / 1000 };
  // VACUUM too, not only ANALYZE: a freshly loaded table has no visibility
  // map, so every index-only scan would visit the heap. A service that has
  // been running for a while has had its insert-only tables vacuumed by
  // autovacuum; that steady state is what is measured.
  t1 = performance.now();
  await knex.raw('VACUUM (ANALYZE)');
  tables.vacuum = { rows: 0, seconds: (performance.now() - t1) / 1000 };
  return tables;
}

/**
 * Checks the loaded rows with plain SQL: row counts, and the current-edge
 * rule evaluated in SQL against what the generator intended.
 *
 * @param {import('knex').Knex} knex
 */
export async function checkLoaded(knex) {
  const count = async (/** @type {string} */ t) =>
    Number((await knex(t).count({ n: '*' }).first())?.n ?? 0);
  const counts = {
    endpoints: await count('endpoints'),
    workflows: await count('workflows'),
    runs: await count('runs'),
    run_io: await count('run_io'),
    workflow_io: await count('workflow_io'),
    lineage_edges: await count('lineage_edges'),
  };
  // The decided rule for a workflow's current edges, as SQL.
  const { rows } = await knex.raw(`
    SELECT count(*)::bigint AS n FROM lineage_edges e
    JOIN workflows w ON w.id = e.workflow_id
    WHERE CASE
      WHEN w.job_io_time IS NOT NULL AND (w.current_run_ended_at IS NULL
           OR w.job_io_time > w.current_run_ended_at)
        THEN EXISTS (SELECT 1 FROM workflow_io io WHERE io.workflow_id = e.workflow_id
             AND io.endpoint_id = e.endpoint_id AND io.direction = e.direction)
      WHEN w.current_run_id IS NOT NULL
        THEN EXISTS (SELECT 1 FROM run_io io WHERE io.run_id = w.current_run_id
             AND io.endpoint_id = e.endpoint_id AND io.direction = e.direction)
      ELSE true
    END`);
  // The stored flags must say the same as the rule, edge by edge.
  let flagMismatches = 0;
  if (await knex.schema.hasColumn('lineage_edges', 'current')) {
    const mismatched = await knex.raw(`
      SELECT count(*)::bigint AS n FROM lineage_edges e
      LEFT JOIN workflows w ON w.id = e.workflow_id
      WHERE e.current IS DISTINCT FROM CASE
        WHEN w.id IS NULL THEN false
        WHEN w.job_io_time IS NOT NULL AND (w.current_run_ended_at IS NULL
             OR w.job_io_time > w.current_run_ended_at)
          THEN EXISTS (SELECT 1 FROM workflow_io io WHERE io.workflow_id = e.workflow_id
               AND io.endpoint_id = e.endpoint_id AND io.direction = e.direction)
        WHEN w.current_run_id IS NOT NULL
          THEN EXISTS (SELECT 1 FROM run_io io WHERE io.run_id = w.current_run_id
               AND io.endpoint_id = e.endpoint_id AND io.direction = e.direction)
        ELSE true
      END`);
    flagMismatches = Number(mismatched.rows[0].n);
  }
  return { counts, currentEdges: Number(rows[0].n), flagMismatches };
}
