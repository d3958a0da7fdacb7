import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DeadLetter,
  EndpointDetail,
  EndpointSummary,
  FailedDerivation,
  ListFilters,
  Page,
  Partition,
  RawEvent,
  RunDetail,
  RunFilters,
  RunSummary,
  SchemaField,
  SchemaVersion,
  WorkflowDetail,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';
import { entityId } from '../derivation/ids';
import {
  compact,
  parseJson,
  rawEventIdentity,
  toDate,
  toIso,
  toNumber,
} from './conversions';
import { keysetPage, likePattern } from './cursors';
import {
  bulkInsert,
  BulkInsertOptions,
  insertStatements,
  runStatements,
} from './bulkWrite';
import { FactWriter } from './FactWriter';
import { storableText } from './storableText';
import { DerivationQueueStore } from './DerivationQueueStore';
import { replayClearing } from './ReplayStore';
import {
  AcceptedEvent,
  DerivationBacklog,
  FactSource,
  MetadataStore,
  QueuedEvent,
  RejectedEvent,
  StoreCounts,
} from './MetadataStore';

const migrationsDir = resolvePackagePath(
  '@data-platform/plugin-data-platform-backend',
  'migrations',
);

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

/**
 * The knex implementation of {@link MetadataStore}, on SQLite locally and
 * PostgreSQL in production.
 */
export class DatabaseMetadataStore implements MetadataStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseMetadataStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseMetadataStore(client);
  }

  readonly databaseClient: string;

  private readonly queue: DerivationQueueStore;

  private constructor(private readonly db: Knex) {
    this.databaseClient = String(db.client.config.client);
    this.queue = new DerivationQueueStore(db);
  }

  async ping(): Promise<void> {
    await this.db.raw('select 1');
  }

  async getCounts(): Promise<StoreCounts> {
    const count = async (table: string) =>
      Number((await this.db(table).count({ count: '*' }).first())?.count ?? 0);
    const [accepted, last, rejected, endpoints, workflows, runs] =
      await Promise.all([
        count('raw_events'),
        this.db('raw_events').max({ last: 'received_at' }).first(),
        count('dead_letters'),
        count('endpoints'),
        count('workflows'),
        count('runs'),
      ]);
    return {
      acceptedEvents: accepted,
      rejectedEvents: rejected,
      lastEventAt: toDate(last?.last),
      endpoints,
      workflows,
      runs,
    };
  }

  // --- writes -------------------------------------------------------------

  async ingest(accepted: AcceptedEvent[]): Promise<void> {
    if (accepted.length === 0) return;
    await this.db.transaction(async trx => {
      const receivedAt = new Date();
      const stored = await this.insertRaw(trx, accepted, receivedAt);
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
      await new FactWriter(trx).apply(accepted.map(e => e.facts()));
    });
  }

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

  /** Returns the id and hash of each event not kept already. */
  private async insertRaw(
    trx: Knex.Transaction,
    accepted: AcceptedEvent[],
    receivedAt: Date,
  ): Promise<Row[]> {
    return await bulkInsert(
      trx,
      'raw_events',
      rawRows(accepted, receivedAt),
      RAW_INSERT,
    );
  }

  // --- the derivation queue, kept by DerivationQueueStore ----------------

  deriveQueued(
    claim: { limit: number } | { ids: number[] },
    source: FactSource,
  ): Promise<QueuedEvent[]> {
    return this.queue.deriveQueued(claim, source);
  }

  markDerivationFailed(id: number, error: string): Promise<void> {
    return this.queue.markDerivationFailed(id, error);
  }

  getDerivationBacklog(): Promise<DerivationBacklog> {
    return this.queue.getDerivationBacklog();
  }

  listFailedDerivations(filters: {
    limit?: number;
    cursor?: string;
  }): Promise<Page<FailedDerivation>> {
    return this.queue.listFailedDerivations(filters);
  }

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

  // --- endpoints ----------------------------------------------------------

  async listEndpoints(filters: ListFilters): Promise<Page<EndpointSummary>> {
    // With both parts of an identity, a symlink alias finds its endpoint.
    const id =
      filters.namespace && filters.name
        ? (await this.resolveEndpointId(filters.namespace, filters.name)) ?? ''
        : undefined;
    const { rows, nextCursor } = await this.listByIdentity(
      'endpoints',
      id === undefined
        ? filters
        : { ...filters, namespace: undefined, name: undefined },
      ['field_names'],
      query => (id === undefined ? query : query.where('id', id)),
    );
    return {
      items: rows.map(endpointSummary),
      ...(nextCursor && { nextCursor }),
    };
  }

  /**
   * A page of endpoints or workflows in (namespace, name) order, with the
   * filters both lists share; `searchColumns` are extra lower-cased columns
   * `q` matches.
   */
  private async listByIdentity(
    table: 'endpoints' | 'workflows',
    filters: ListFilters,
    searchColumns: string[],
    refine: (query: Knex.QueryBuilder) => Knex.QueryBuilder = q => q,
  ): Promise<{ rows: Row[]; nextCursor?: string }> {
    const query = refine(this.db(table).select('*'));
    if (filters.namespace) query.where('namespace', filters.namespace);
    if (filters.name) query.where('name', filters.name);
    if (filters.owner) query.where('owner', filters.owner);
    if (filters.tag) {
      query.where('tags', 'like', likePattern(JSON.stringify(filters.tag)));
    }
    if (filters.q) {
      const pattern = likePattern(filters.q);
      const columns = [
        'lower(name)',
        'lower(namespace)',
        "lower(coalesce(description, ''))",
        ...searchColumns,
      ];
      query.where(q => {
        for (const column of columns) {
          q.orWhereRaw(`${column} like ? escape '\\'`, [pattern]);
        }
      });
    }
    const { items, nextCursor } = await keysetPage(
      query,
      [
        { column: 'namespace', order: 'asc', type: 'string' },
        { column: 'name', order: 'asc', type: 'string' },
      ],
      filters,
      row => row,
    );
    return { rows: items, ...(nextCursor && { nextCursor }) };
  }

  private async resolveEndpointId(
    namespace: string,
    name: string,
  ): Promise<string | undefined> {
    const direct = await this.db('endpoints')
      .where({ namespace, name })
      .first('id');
    if (direct) return direct.id;
    const alias = await this.db('endpoint_aliases')
      .where({ namespace, name })
      .first('endpoint_id');
    return alias?.endpoint_id;
  }

  async getEndpoint(id: string): Promise<EndpointDetail | undefined> {
    const row = await this.db('endpoints').where({ id }).first();
    if (!row) return undefined;
    const [aliases, version, partitionCount, latestPartition, io] =
      await Promise.all([
        this.db('endpoint_aliases')
          .where({ endpoint_id: id })
          .orderBy(['namespace', 'name']),
        row.schema_hash
          ? this.db('schema_versions')
              .where({ endpoint_id: id, hash: row.schema_hash })
              .first()
          : undefined,
        this.db('partitions')
          .where({ endpoint_id: id })
          .count({ count: '*' })
          .first(),
        this.partitionsQuery()
          .where('p.endpoint_id', id)
          .orderBy('p.landed_at', 'desc')
          .orderBy('p.partition_key', 'desc')
          .first(),
        this.currentIoOfEndpoint(id),
      ]);
    let schema: EndpointDetail['schema'];
    if (version) {
      const versions = await this.schemaVersionRows(id);
      schema = {
        version: versions.findIndex(v => v.hash === version.hash) + 1,
        fields: parseJson<SchemaField[]>(version.fields, []),
        createdAt: toIso(version.first_seen_at)!,
      };
    }
    return {
      ...endpointSummary(row),
      ...(schema && { schemaVersion: schema.version }),
      aliases: aliases.map(a =>
        compact({ namespace: a.namespace, name: a.name, type: a.type }),
      ),
      ...compact({
        storage: parseJson(row.storage, undefined),
        dataSource: parseJson(row.data_source, undefined),
      }),
      ...(schema && { schema }),
      partitions: {
        count: Number(partitionCount?.count ?? 0),
        ...(latestPartition && { latest: partition(latestPartition) }),
      },
      producers: io.producers,
      consumers: io.consumers,
    };
  }

  /**
   * The workflows that write and read an endpoint now: its current lineage
   * edges, which ingestion keeps by the workflow's basis (its JobEvent
   * when newer than its latest completed run, else that run's inputs and
   * outputs). A workflow with neither (only running or failed runs) has
   * all its edges current in the lineage graph, but is nobody's producer
   * or consumer on these pages until a run completes or a JobEvent
   * declares it. Read from the partial index on current edges, so a wide
   * endpoint costs its edges only.
   */
  private async currentIoOfEndpoint(endpointId: string) {
    const rows = await this.db('lineage_edges as le')
      .join('workflows as w', 'w.id', 'le.workflow_id')
      .where('le.endpoint_id', endpointId)
      .whereRaw('le.current')
      .where(q =>
        q.whereNotNull('w.current_run_id').orWhereNotNull('w.job_io_time'),
      )
      .select('w.id', 'w.namespace', 'w.name', 'le.direction');
    return {
      producers: references(rows, 'output'),
      consumers: references(rows, 'input'),
    };
  }

  /** Versions in the order they were first seen; numbering starts at 1. */
  private async schemaVersionRows(endpointId: string): Promise<Row[]> {
    return await this.db('schema_versions')
      .where({ 'schema_versions.endpoint_id': endpointId })
      .orderBy([
        { column: 'schema_versions.first_seen_at', order: 'asc' },
        { column: 'schema_versions.hash', order: 'asc' },
      ])
      .leftJoin('runs', 'runs.run_id', 'schema_versions.first_run_id')
      .select(
        'schema_versions.hash',
        'schema_versions.field_count',
        'schema_versions.first_seen_at',
        'schema_versions.first_run_id',
        'schema_versions.fields',
        'runs.workflow_id',
      );
  }

  async listSchemaVersions(endpointId: string): Promise<SchemaVersion[]> {
    const rows = await this.schemaVersionRows(endpointId);
    return rows.map((row, index) =>
      compact({
        version: index + 1,
        fieldCount: Number(row.field_count),
        createdAt: toIso(row.first_seen_at)!,
        runId: row.first_run_id ?? undefined,
        workflowId: row.workflow_id ?? undefined,
      }),
    );
  }

  async getSchemaVersionFields(
    endpointId: string,
    version: number,
  ): Promise<SchemaField[] | undefined> {
    const rows = await this.schemaVersionRows(endpointId);
    const row = rows[version - 1];
    return row ? parseJson<SchemaField[]>(row.fields, []) : undefined;
  }

  private partitionsQuery() {
    return this.db('partitions as p')
      .join('workflows as w', 'w.id', 'p.workflow_id')
      .join('endpoints as e', 'e.id', 'p.endpoint_id')
      .select(
        'p.*',
        'w.namespace as workflow_namespace',
        'w.name as workflow_name',
        'e.namespace as endpoint_namespace',
        'e.name as endpoint_name',
      );
  }

  async listPartitions(
    endpointId: string,
    filters: { from?: Date; to?: Date; limit?: number; cursor?: string },
  ): Promise<Page<Partition>> {
    const query = this.partitionsQuery().where('p.endpoint_id', endpointId);
    // A partition's time is its nominal window's start, which is what data
    // engineers mean by "the partition of the 20th"; else when it landed.
    if (filters.from) {
      query.where(
        this.db.raw('coalesce(p.nominal_start, p.landed_at)'),
        '>=',
        filters.from,
      );
    }
    if (filters.to) {
      query.where(
        this.db.raw('coalesce(p.nominal_start, p.landed_at)'),
        '<',
        filters.to,
      );
    }
    return await keysetPage(
      query,
      [
        { column: 'p.landed_at', order: 'desc', type: 'timestamp' },
        { column: 'p.partition_key', order: 'desc', type: 'string' },
        { column: 'p.run_id', order: 'desc', type: 'string' },
      ],
      filters,
      partition,
    );
  }

  // --- workflows and runs -------------------------------------------------

  async listWorkflows(filters: ListFilters): Promise<Page<WorkflowSummary>> {
    const { rows, nextCursor } = await this.listByIdentity(
      'workflows',
      filters,
      [],
    );
    const latest = await this.latestRuns(rows.map(r => r.id));
    return {
      items: rows.map(row => workflowSummary(row, latest.get(row.id))),
      ...(nextCursor && { nextCursor }),
    };
  }

  /** The run of each workflow that started last (else was seen first last). */
  private async latestRuns(workflowIds: string[]) {
    const result = new Map<string, RunSummary>();
    if (workflowIds.length === 0) return result;
    const rows = await this.db('runs as r')
      .whereIn('r.workflow_id', workflowIds)
      .andWhere(
        'r.sort_time',
        '=',
        this.db('runs as r2')
          .max('r2.sort_time')
          .where('r2.workflow_id', this.db.ref('r.workflow_id')),
      )
      .orderBy('r.run_id', 'desc');
    for (const row of rows) {
      if (!result.has(row.workflow_id)) {
        result.set(row.workflow_id, runSummary(row));
      }
    }
    return result;
  }

  async getWorkflow(id: string): Promise<WorkflowDetail | undefined> {
    const row = await this.db('workflows').where({ id }).first();
    if (!row) return undefined;
    const latest = (await this.latestRuns([id])).get(id);
    // Its current inputs and outputs, as ingestion keeps them; none
    // before a run completes or a JobEvent declares them (see
    // currentIoOfEndpoint).
    const hasBasis = !!row.current_run_id || !!row.job_io_time;
    const io = !hasBasis
      ? []
      : await this.db('lineage_edges as le')
          .join('endpoints as e', 'e.id', 'le.endpoint_id')
          .where('le.workflow_id', id)
          .whereRaw('le.current')
          .select('e.id', 'e.namespace', 'e.name', 'le.direction');
    const parent =
      row.parent_namespace && row.parent_name
        ? await this.db('workflows')
            .where({ namespace: row.parent_namespace, name: row.parent_name })
            .first('id')
        : undefined;
    return {
      ...workflowSummary(row, latest),
      ...compact({
        sql: row.sql
          ? compact({ query: row.sql, dialect: row.sql_dialect })
          : undefined,
        sourceCodeLocation: parseJson(row.source_code_location, undefined),
        parent:
          row.parent_namespace && row.parent_name
            ? {
                namespace: row.parent_namespace,
                name: row.parent_name,
                id: parent?.id ?? '',
              }
            : undefined,
      }),
      inputs: references(io, 'input'),
      outputs: references(io, 'output'),
    };
  }

  private async runIo(runId: string) {
    return await this.db('run_io as io')
      .join('endpoints as e', 'e.id', 'io.endpoint_id')
      .where('io.run_id', runId)
      .select('e.id', 'e.namespace', 'e.name', 'io.direction');
  }

  async listRuns(
    workflowId: string,
    filters: RunFilters,
  ): Promise<Page<RunSummary>> {
    const query = this.db('runs').where({ workflow_id: workflowId });
    if (filters.state) query.where('state', filters.state);
    if (filters.from) query.where('sort_time', '>=', new Date(filters.from));
    if (filters.to) query.where('sort_time', '<', new Date(filters.to));
    return await keysetPage(
      query,
      [
        { column: 'sort_time', order: 'desc', type: 'timestamp' },
        { column: 'run_id', order: 'desc', type: 'string' },
      ],
      filters,
      runSummary,
    );
  }

  async getRun(runId: string): Promise<RunDetail | undefined> {
    const row = await this.db('runs as r')
      .join('workflows as w', 'w.id', 'r.workflow_id')
      .where('r.run_id', runId)
      .first(
        'r.*',
        'w.namespace as workflow_namespace',
        'w.name as workflow_name',
      );
    if (!row) return undefined;
    const [io, partitions] = await Promise.all([
      this.runIo(runId),
      this.partitionsQuery()
        .where('p.run_id', runId)
        .orderBy(['p.endpoint_id', 'p.partition_key']),
    ]);
    return {
      ...runSummary(row),
      workflow: {
        id: row.workflow_id,
        namespace: row.workflow_namespace,
        name: row.workflow_name,
      },
      ...(row.parent_run_id && {
        parentRun: {
          id: row.parent_run_id,
          workflow: {
            // Ids derive from identity, so the parent's id is known even
            // before (or without) its own events.
            id: entityId(
              'workflow',
              row.parent_namespace ?? '',
              row.parent_name ?? '',
            ),
            namespace: row.parent_namespace ?? '',
            name: row.parent_name ?? '',
          },
        },
      }),
      inputs: references(io, 'input'),
      outputs: references(io, 'output'),
      partitions: partitions.map(partition),
      facets: parseJson(row.facets, {}),
    };
  }

  // --- logs ---------------------------------------------------------------

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
    return await keysetPage(
      query,
      [{ column: 'id', order: 'desc', type: 'number' }],
      filters,
      row =>
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
    const query = this.db('dead_letters');
    return await keysetPage(
      query,
      [{ column: 'id', order: 'desc', type: 'number' }],
      filters,
      row =>
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

function endpointSummary(row: Row): EndpointSummary {
  return compact({
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    description: row.description,
    owner: row.owner,
    tags: parseJson<string[]>(row.tags, []),
    fieldCount: Number(row.field_count ?? 0),
    lastPartition: row.last_partition_at
      ? {
          key: row.last_partition_key,
          landedAt: toIso(row.last_partition_at)!,
        }
      : undefined,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
  });
}

function workflowSummary(row: Row, latestRun?: RunSummary): WorkflowSummary {
  return compact({
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    description: row.description,
    owner: row.owner,
    tags: parseJson<string[]>(row.tags, []),
    jobType: parseJson(row.job_type, undefined),
    latestRun,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
  });
}

function runSummary(row: Row): RunSummary {
  const startedAt = toDate(row.started_at);
  const endedAt = toDate(row.ended_at);
  return compact({
    id: row.run_id,
    workflowId: row.workflow_id,
    state: row.state,
    nominalStartTime: toIso(row.nominal_start),
    nominalEndTime: toIso(row.nominal_end),
    startedAt: startedAt?.toISOString(),
    endedAt: endedAt?.toISOString(),
    durationMs:
      startedAt && endedAt
        ? endedAt.getTime() - startedAt.getTime()
        : undefined,
    errorMessage: row.error_message,
    updatedAt: toIso(row.updated_at)!,
  });
}

function partition(row: Row): Partition {
  return compact({
    endpointId: row.endpoint_id,
    endpoint: {
      id: row.endpoint_id,
      namespace: row.endpoint_namespace,
      name: row.endpoint_name,
    },
    key: row.partition_key,
    runId: row.run_id,
    workflow: {
      id: row.workflow_id,
      namespace: row.workflow_namespace,
      name: row.workflow_name,
    },
    nominalStartTime: toIso(row.nominal_start),
    nominalEndTime: toIso(row.nominal_end),
    landedAt: toIso(row.landed_at)!,
    rowCount: toNumber(row.row_count),
    bytes: toNumber(row.bytes),
    fileCount: toNumber(row.file_count),
  });
}

function references(rows: Row[], direction: 'input' | 'output') {
  return rows
    .filter(r => r.direction === direction)
    .map(r => ({ id: r.id, namespace: r.namespace, name: r.name }))
    .sort((a, b) =>
      `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
    );
}
