import { Knex } from 'knex';
import { toDate } from '../database/conversions';

/**
 * A replay whose heartbeat is older than this has lost its process: the
 * next replay takes its lock over and workers stop waiting for its clear.
 * A chunk takes well under a second; this leaves room for a slow database.
 */
export const REPLAY_STALE_AFTER_MS = 2 * 60_000;

const LOCK_ID = 'replay';

/** The replay under way, as its lock row says. */
export type ReplayLock = {
  startedAt: Date;
  heartbeatAt: Date;
  /** Clearing the derived tables; workers claim nothing meanwhile. */
  clearing: boolean;
};

type Row = Record<string, any>;

function rowsOf(result: any): Row[] {
  return Array.isArray(result) ? result : result?.rows ?? [];
}

/**
 * The replay clearing the derived tables, unless its process has died.
 * Nothing applies facts meanwhile: a transaction that read a row the clear
 * then deleted would write it back, old values and all.
 */
export function replayClearing(db: Knex, now = new Date()) {
  return db('derivation_replay')
    .select('id')
    .where('clearing', true)
    .where(
      'heartbeat_at',
      '>',
      new Date(now.getTime() - REPLAY_STALE_AFTER_MS),
    );
}

/**
 * The steps of a replay over the database, each a short statement of its
 * own, so that no replay holds a transaction (on SQLite, the only writer)
 * for longer than a chunk.
 */
export class ReplayStore {
  readonly databaseClient: string;

  /**
   * @param derivedTables - everything derived from the raw log, which a
   *   replay clears, in that order (the fact writer's projectors' tables).
   */
  constructor(
    private readonly db: Knex,
    private readonly derivedTables: readonly string[],
  ) {
    this.databaseClient = String(db.client.config.client);
  }

  /**
   * Takes the replay lock for `owner`, clearing, unless a live replay holds
   * it; then says when that one started.
   */
  async acquire(
    owner: string,
    now = new Date(),
  ): Promise<{ acquired: true } | { acquired: false; lock: ReplayLock }> {
    const inserted = rowsOf(
      await this.db.raw(
        'INSERT INTO derivation_replay (id, owner, started_at, heartbeat_at, clearing) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id',
        [LOCK_ID, owner, now, now, true],
      ),
    );
    if (inserted.length > 0) return { acquired: true };
    const tookOver = await this.db('derivation_replay')
      .where('id', LOCK_ID)
      .where(
        'heartbeat_at',
        '<=',
        new Date(now.getTime() - REPLAY_STALE_AFTER_MS),
      )
      .update({ owner, started_at: now, heartbeat_at: now, clearing: true });
    if (tookOver > 0) return { acquired: true };
    const lock = await this.current();
    // Released between the two statements: try once more.
    return lock ? { acquired: false, lock } : await this.acquire(owner, now);
  }

  /** The replay under way, live or dead, if any. */
  async current(): Promise<ReplayLock | undefined> {
    const row = await this.db('derivation_replay').where('id', LOCK_ID).first();
    if (!row) return undefined;
    return {
      startedAt: toDate(row.started_at)!,
      heartbeatAt: toDate(row.heartbeat_at)!,
      clearing: Boolean(row.clearing),
    };
  }

  /**
   * Renews `owner`'s lock and says whether it clears; false when another
   * replay took it over, i.e. this one must stop.
   */
  async heartbeat(owner: string, clearing: boolean): Promise<boolean> {
    const updated = await this.db('derivation_replay')
      .where({ id: LOCK_ID, owner })
      .update({ heartbeat_at: new Date(), clearing });
    return updated > 0;
  }

  async release(owner: string): Promise<void> {
    await this.db('derivation_replay').where({ id: LOCK_ID, owner }).delete();
  }

  /**
   * Waits for the derivation and ingestion transactions that began before
   * the lock was taken; those after it see the lock and claim nothing. On
   * SQLite there are none: its one connection runs one at a time.
   */
  async awaitDerivationsInFlight(): Promise<void> {
    if (this.databaseClient !== 'pg') return;
    await this.db.transaction(async trx => {
      // SHARE waits for the writers holding the tables and is released
      // at once: a barrier, not a lock kept. Taken in the order appends
      // write the two tables, so that none waits for the other.
      await trx.raw('LOCK TABLE raw_events, derivation_queue IN SHARE MODE');
    });
  }

  /**
   * Deletes up to `limit` rows of the first derived table that has any;
   * 0 once all are empty.
   */
  async clearDerived(limit: number): Promise<number> {
    const row = this.databaseClient === 'pg' ? 'ctid' : 'rowid';
    for (const table of this.derivedTables) {
      const deleted = await this.db(table)
        .whereIn(row, this.db(table).select(row).limit(limit))
        .delete();
      if (deleted > 0) return deleted;
    }
    return 0;
  }

  /** The newest raw event's id; 0 for an empty log. */
  async lastRawEventId(): Promise<number> {
    const row = await this.db('raw_events').max({ last: 'id' }).first();
    return Number(row?.last ?? 0);
  }

  /**
   * Queues, as replayed, up to `limit` raw events after `after` and up to
   * `upTo`, in id order, and lets those set aside as failed be claimed
   * again. An event still queued stays as it is. Returns how many raw
   * events the chunk covered and the last one's id.
   */
  async requeue(
    after: number,
    upTo: number,
    limit: number,
  ): Promise<{ count: number; last: number }> {
    const ids = await this.db('raw_events')
      .where('id', '>', after)
      .where('id', '<=', upTo)
      .orderBy('id')
      .limit(limit)
      .pluck('id');
    if (ids.length === 0) return { count: 0, last: after };
    const last = Number(ids[ids.length - 1]);
    await this.db.raw(
      `INSERT INTO derivation_queue (raw_event_id, event_hash, queued_at, replayed)
       SELECT id, event_hash, ?, ? FROM raw_events WHERE id > ? AND id <= ?
       ON CONFLICT (raw_event_id) DO UPDATE
       SET failed_at = NULL, error = NULL, replayed = excluded.replayed,
         queued_at = excluded.queued_at
       WHERE derivation_queue.failed_at IS NOT NULL`,
      [new Date(), true, after, last],
    );
    return { count: ids.length, last };
  }
}
