import {
  FailedDerivation,
  Page,
} from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';
import {
  compact,
  rawEventIdentity,
  toDate,
  toIso,
} from '../database/conversions';
import { keysetPage } from '../database/cursors';
import { Facts } from '../openlineage/facts';
import { FactWriter } from './FactWriter';
import { replayClearing, ReplayStore } from './ReplayStore';
import {
  DerivationBacklog,
  DerivationFailedError,
  DerivationQueue,
  FactSource,
  QueuedEvent,
} from './types';

type Row = Record<string, any>;

/**
 * The derivation queue: workers' claims and what they apply (with the
 * {@link FactWriter}), the events set aside, and the queue at a glance.
 */
export class DerivationQueueStore implements DerivationQueue {
  private readonly databaseClient: string;

  constructor(
    private readonly db: Knex,
    private readonly writer: FactWriter,
    private readonly replays: ReplayStore,
  ) {
    this.databaseClient = String(db.client.config.client);
  }

  async deriveQueued(
    claim: { limit: number } | { ids: number[] },
    source: FactSource,
  ): Promise<QueuedEvent[]> {
    return await this.db.transaction(async trx => {
      const claimed = await this.claimQueued(trx, claim);
      if (claimed.length === 0) return [];
      try {
        await this.writer.apply(
          trx,
          await this.queuedFacts(trx, claimed, source),
        );
      } catch (error) {
        throw new DerivationFailedError(
          claimed.map(e => e.id),
          error,
        );
      }
      return claimed;
    });
  }

  /** The facts of claimed events: cached, else derived from the raw log. */
  private async queuedFacts(
    trx: Knex.Transaction,
    claimed: QueuedEvent[],
    source: FactSource,
  ): Promise<Facts[]> {
    const facts: Facts[] = [];
    const missing: number[] = [];
    for (const event of claimed) {
      const cached = source.cached(event.hash);
      if (cached) facts.push(cached);
      else missing.push(event.id);
    }
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await trx('raw_events')
        .whereIn('id', missing.slice(i, i + 500))
        .select('payload', 'source');
      for (const row of rows) {
        facts.push(source.derive(row.payload, row.source));
      }
    }
    return facts;
  }

  /**
   * Deletes the claimed rows; the delete only commits with the facts
   * applied, so a failed transaction leaves them queued. PostgreSQL skips
   * rows other workers hold; SQLite has a single writer.
   */
  private async claimQueued(
    trx: Knex.Transaction,
    claim: { limit: number } | { ids: number[] },
  ): Promise<QueuedEvent[]> {
    const pg = this.databaseClient === 'pg';
    const candidates = trx('derivation_queue')
      .select('raw_event_id')
      .whereNull('failed_at')
      .whereNotExists(replayClearing(trx));
    if ('ids' in claim) candidates.whereIn('raw_event_id', claim.ids);
    else candidates.orderBy('raw_event_id').limit(claim.limit);
    if (pg) candidates.forUpdate().skipLocked();
    // knex's delete() returns no rows on SQLite, which has RETURNING too.
    const result = await trx.raw(
      'DELETE FROM derivation_queue WHERE raw_event_id IN (?) RETURNING raw_event_id, event_hash, replayed',
      [candidates],
    );
    const rows: Row[] = Array.isArray(result) ? result : result.rows;
    return rows
      .map(row => ({
        id: Number(row.raw_event_id),
        hash: row.event_hash,
        replayed: Boolean(row.replayed),
      }))
      .sort((a, b) => a.id - b.id);
  }

  async markDerivationFailed(id: number, error: string): Promise<void> {
    await this.db('derivation_queue')
      .where('raw_event_id', id)
      .update({ failed_at: new Date(), error });
  }

  async getDerivationBacklog(): Promise<DerivationBacklog> {
    const [waiting, failed, replay] = await Promise.all([
      this.db('derivation_queue')
        .whereNull('failed_at')
        .first({
          count: this.db.raw('count(*)'),
          replaying: this.db.raw(
            'coalesce(sum(case when replayed then 1 else 0 end), 0)',
          ),
          oldest: this.db.raw('min(queued_at)'),
        }),
      this.db('derivation_queue')
        .whereNotNull('failed_at')
        .count({ count: '*' })
        .first(),
      this.replays.current(),
    ]);
    return {
      backlog: Number(waiting?.count ?? 0),
      replaying: Number(waiting?.replaying ?? 0),
      failed: Number(failed?.count ?? 0),
      oldestQueuedAt: toDate(waiting?.oldest),
      ...(replay && { replay }),
    };
  }

  async listFailedDerivations(filters: {
    limit?: number;
    cursor?: string;
  }): Promise<Page<FailedDerivation>> {
    const query = this.db('derivation_queue as q')
      .join('raw_events as r', 'r.id', 'q.raw_event_id')
      .whereNotNull('q.failed_at')
      .select(
        'q.raw_event_id',
        'q.failed_at',
        'q.error',
        'r.received_at',
        'r.event_kind',
        'r.event_type',
        'r.event_time',
        'r.run_id',
        'r.job_namespace',
        'r.job_name',
      );
    return await keysetPage(
      query,
      [
        { column: 'q.failed_at', order: 'desc', type: 'timestamp' },
        { column: 'q.raw_event_id', order: 'desc', type: 'number' },
      ],
      filters,
      row =>
        compact({
          rawEventId: String(row.raw_event_id),
          ...rawEventIdentity(row),
          error: row.error ?? '',
          failedAt: toIso(row.failed_at)!,
        }),
    );
  }
}
