// The data platform metadata service alone in a Backstage backend, as the
// benchmark's system under test. Only the data-platform plugin is added:
// the full backend in packages/backend also runs the catalog, search and
// their background work, which would add noise unrelated to ingestion.
//
// The plugin's package points at its TypeScript sources, so the Backstage
// CLI's require hook transpiles them on load; nothing has to be built.
// Configuration comes from the --config file the benchmark writes.
require('@backstage/cli/config/nodeTransform.cjs');

const { writeFileSync, renameSync } = require('node:fs');

// How many SQL statements the service sends is the first thing to know
// about its cost per event, and neither driver reports it. Counting them is
// one increment per statement, made at the drivers' entry points that knex
// goes through; BEGIN and COMMIT count too.
const statsFile = process.env.BENCH_STATS_FILE;
if (statsFile) {
  const counters = { statements: 0 };
  // With BENCH_CAPTURE_SQL=1 the PostgreSQL statements are also kept, with
  // their parameters and how long each took to answer, until the next
  // SIGUSR2 hands them over: a benchmark can then EXPLAIN exactly what the
  // service sent.
  const capture = process.env.BENCH_CAPTURE_SQL === '1';
  /** @type {{ text: string, values?: unknown[], ms?: number }[]} */
  let captured = [];
  const pg = require('pg');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(
    /** @type {any[]} */ ...args
  ) {
    counters.statements++;
    const [config, second] = args;
    if (capture && captured.length < 1000) {
      /** @type {{ text: string, values?: unknown[], ms?: number }} */
      const entry = {
        text: typeof config === 'string' ? config : config?.text,
        values:
          typeof config === 'string'
            ? Array.isArray(second)
              ? second
              : undefined
            : config?.values,
      };
      captured.push(entry);
      const t0 = process.hrtime.bigint();
      const done = () => {
        entry.ms = Number(process.hrtime.bigint() - t0) / 1e6;
      };
      // knex passes a callback last; wrap it to time the round trip.
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last];
        args[last] = function timed(/** @type {any[]} */ ...results) {
          done();
          return callback.apply(this, results);
        };
      } else {
        const result = query.apply(this, args);
        if (result && typeof result.then === 'function') {
          result.then(done, done);
        }
        return result;
      }
    }
    return query.apply(this, args);
  };
  const Database = require('better-sqlite3');
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function countedPrepare(
    /** @type {any[]} */ ...args
  ) {
    counters.statements++;
    return prepare.apply(this, args);
  };
  // Written when the benchmark asks (SIGUSR2), between phases: a periodic
  // writer would cost the service CPU in the middle of a measurement.
  let written = 0;
  process.on('SIGUSR2', () => {
    written++;
    const queries = captured;
    captured = [];
    writeFileSync(
      `${statsFile}.tmp`,
      JSON.stringify({ ...counters, written, ...(capture && { queries }) }),
    );
    renameSync(`${statsFile}.tmp`, statsFile);
  });
}

const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(require('@data-platform/plugin-data-platform-backend').default);
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
