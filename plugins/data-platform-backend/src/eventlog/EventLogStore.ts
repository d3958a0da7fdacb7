import {
  DeadLetter,
  Page,
  RawEvent,
} from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';
import {
  bulkInsert,
  BulkInsertOptions,
  insertStatements,
  runStatements,
} from '../database/bulkWrite';
import {
  compact,
  parseJson,
  rawEventIdentity,
  toIso,
  toNumber,
} from '../database/conversions';
import { keysetPage } from '../database/cursors';
import { storableText } from '../database/storableText';
import { FactWriter } from './FactWriter';
import { replayClearing } from './ReplayStore';
import { AcceptedEvent, RejectedEvent } from './types';

type Row = Record<string, any>;

// A redelivered event (same hash) is kept once. Payloads are large JSON
// text: VALUES sends them without escaping.
const RAW_INSERT: BulkInsertOptions = {
  onConflict: { keys: ['event_hash'], ignore: true },
  values: true,
  returning: ['id', 'event_hash'],
};

function rawRows(accepted: AcceptedEvent[], receivedAt: Date): Row[] {
  return accepted.map(e => ({
    event_hash: e.hash,
    source: e.source,
    event_kind: e.kind,
    event_type: e.eventType ?? null,
    run_id: e.runId ?? null,
    job_namespace: e.job?.namespace ?? null,
    job_name: e.job?.name ?? null,
    event_time: e.eventTime,
    received_at: receivedAt,
    producer: e.producer ?? null,
    lenient_notes: e.notes.length ? JSON.stringify(e.notes) : null,
    payload: e.payload,
  }));
}

function queueRows(stored: Row[], queuedAt: Date): Row[] {
  return stored.map(row => ({
    raw_event_id: Number(row.id),
    event_hash: row.event_hash,
    queued_at: queuedAt,
  }));
}

/** A page of a log table, newest (highest id) first. */
async function newestFirst<T>(
  query: Knex.QueryBuilder,
  filters: { limit?: number; cursor?: string },
  map: (row: Row) => T,
): Promise<Page<T>> {
  return await keysetPage(
    query,
    [{ column: 'id', order: 'desc', type: 'number' }],
    filters,
    map,
  );
}

/**
 * The event log: every accepted event as received (`raw_events`), with
 * its source, and every rejected one with its reason (`dead_letters`).
 * Appending queues an event for derivation in the same transaction;
 * inline ingestion applies its facts there instead.
 */
export class EventLogStore {
  readonly databaseClient: string;

  constructor(private readonly db: Knex, private readonly writer: FactWriter) {
    this.databaseClient = String(db.client.config.client);
  }

  /**
   * Keeps accepted events in the raw log and applies their facts, all in one
   * transaction; a redelivered event is kept once. While a replay clears
   * derived state the events are queued instead.
   */
  async ingest(accepted: AcceptedEvent[]): Promise<void> {
    if (accepted.length === 0) return;
    await this.db.transaction(async trx => {
      const receivedAt = new Date();
      const stored = await bulkInsert(
        trx,
        'raw_events',
        rawRows(accepted, receivedAt),
        RAW_INSERT,
      );
      if (await replayClearing(trx).first()) {
        // The worker derives them once the replay has cleared.
        await bulkInsert(
          trx,
          'derivation_queue',
          queueRows(stored, receivedAt),
        );
        return;
      }
      // Facts of a redelivered event merge to the same state again, so
      // they are applied without checking which rows were new.
      await this.writer.apply(
        trx,
        accepted.map(e => e.facts()),
      );
    });
  }

  /**
   * Keeps accepted events in the raw log and queues them for derivation, in
   * one transaction. Returns the hashes of the events stored by this call;
   * a redelivered event is kept, and queued, once.
   */
  async append(accepted: AcceptedEvent[]): Promise<Set<string>> {
    if (accepted.length === 0) return new Set();
    const receivedAt = new Date();
    const hashes = (rows: Row[]) =>
      new Set(rows.map(row => row.event_hash as string));
    const statements = insertStatements(
      this.databaseClient,
      'raw_events',
      rawRows(accepted, receivedAt),
      RAW_INSERT,
    );
    if (this.databaseClient === 'pg' && statements.length === 1) {
      // One statement keeps the events and queues those that were new:
      // atomic without BEGIN and COMMIT, a single round trip where a
      // transaction took four, which is most of a small append's cost.
      const [raw] = statements;
      return hashes(
        await runStatements(this.db, [
          {
            sql: `WITH stored AS (${raw.sql}) INSERT INTO derivation_queue (raw_event_id, event_hash, queued_at) SELECT id, event_hash, ? FROM stored RETURNING event_hash`,
            bindings: [...raw.bindings, receivedAt],
          },
        ]),
      );
    }
    return await this.db.transaction(async trx => {
      const stored = await runStatements(trx, statements);
      await bulkInsert(trx, 'derivation_queue', queueRows(stored, receivedAt));
      return hashes(stored);
    });
  }

  /** Keeps rejected events, with their reasons, in the dead-letter store. */
  async addDeadLetters(rejected: RejectedEvent[]): Promise<void> {
    const receivedAt = new Date();
    await bulkInsert(
      this.db,
      'dead_letters',
      rejected.map(r => {
        // Whatever a client sent must be storable as its own dead letter,
        // on PostgreSQL too: a body that is no JSON may hold NUL, and a
        // reason may quote it. The reason says what was replaced.
        const reason = storableText(r.reason);
        const jsonPath = storableText(r.jsonPath ?? '');
        const payload = storableText(r.payload);
        const replaced = reason.replaced + jsonPath.replaced + payload.replaced;
        return {
          source: r.source,
          received_at: receivedAt,
          reason: replaced
            ? `${reason.text} (kept with ${replaced} NUL or unpaired surrogate characters replaced with U+FFFD, which PostgreSQL cannot store)`
            : reason.text,
          json_path: r.jsonPath === undefined ? null : jsonPath.text,
          batch_index: r.batchIndex ?? null,
          payload: payload.text,
        };
      }),
      { values: true },
    );
  }

  /**
   * Deletes raw events received before the given time, except those still
   * queued for derivation; returns how many.
   */
  async deleteRawEventsBefore(time: Date): Promise<number> {
    return await this.db('raw_events')
      .where('received_at', '<', time)
      .whereNotExists(
        this.db('derivation_queue')
          .select('raw_event_id')
          .whereRaw('derivation_queue.raw_event_id = raw_events.id'),
      )
      .delete();
  }

  async listRawEvents(filters: {
    runId?: string;
    namespace?: string;
    name?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<RawEvent>> {
    const query = this.db('raw_events');
    if (filters.runId) query.where('run_id', filters.runId);
    if (filters.namespace) query.where('job_namespace', filters.namespace);
    if (filters.name) query.where('job_name', filters.name);
    return await newestFirst(query, filters, row =>
      compact({
        id: String(row.id),
        ...rawEventIdentity(row),
        lenientNotes: parseJson<string[]>(row.lenient_notes, []),
        event: parseJson<unknown>(row.payload, row.payload),
      }),
    );
  }

  async listDeadLetters(filters: {
    limit?: number;
    cursor?: string;
  }): Promise<Page<DeadLetter>> {
    return await newestFirst(this.db('dead_letters'), filters, row =>
      compact({
        id: String(row.id),
        receivedAt: toIso(row.received_at)!,
        reason: row.reason,
        jsonPath: row.json_path ?? undefined,
        batchIndex: toNumber(row.batch_index),
        payload: row.payload,
      }),
    );
  }
}
