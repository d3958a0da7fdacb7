// @ts-check
// What the service's PostgreSQL sessions are doing, sampled from
// pg_stat_activity. When the service is neither CPU-bound nor the database
// busy, this says what the time is spent waiting for: row locks held by
// concurrent transactions, the service itself between statements of an
// open transaction, or I/O and commit flushes.
import { openKnex } from './databases.mjs';

/** @typedef {'running' | 'lock' | 'service' | 'io' | 'other'} State */

/** @param {{ state: string | null, wait_event_type: string | null }} row @returns {State | undefined} */
function classify(row) {
  if (row.state === 'idle in transaction') return 'service';
  if (row.state !== 'active') return undefined;
  if (!row.wait_event_type) return 'running';
  if (row.wait_event_type === 'Lock') return 'lock';
  if (['IO', 'LWLock', 'IPC'].includes(row.wait_event_type)) return 'io';
  if (row.wait_event_type === 'Client') return 'service';
  return 'other';
}

/** @param {string} database the service's database */
export function samplePgSessions(database) {
  const knex = openKnex({ kind: 'postgres', database: 'postgres' });
  /** @type {Record<State, number>} */
  const totals = { running: 0, lock: 0, service: 0, io: 0, other: 0 };
  let samples = 0;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const { rows } = await knex.raw(
        'select state, wait_event_type from pg_stat_activity where datname = ? and pid <> pg_backend_pid()',
        [database],
      );
      for (const row of rows) {
        const state = classify(row);
        if (state) totals[state]++;
      }
      samples++;
    } catch {
      // A missed sample only makes the mean a little less precise.
    } finally {
      busy = false;
    }
  }, 100);

  const snapshot = () => ({ samples, ...totals });
  return {
    mark: snapshot,
    /**
     * Mean number of sessions in each state between a mark and now.
     *
     * @param {ReturnType<typeof snapshot>} from
     */
    since(from) {
      const now = snapshot();
      const n = now.samples - from.samples;
      if (n <= 0) return undefined;
      /** @type {Record<State, number>} */
      const mean = { running: 0, lock: 0, service: 0, io: 0, other: 0 };
      for (const key of /** @type {State[]} */ (Object.keys(mean))) {
        mean[key] = (now[key] - from[key]) / n;
      }
      return { samples: n, mean };
    },
    async stop() {
      clearInterval(timer);
      await knex.destroy();
    },
  };
}
