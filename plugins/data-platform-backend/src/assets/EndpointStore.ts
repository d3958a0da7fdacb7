import {
  EndpointDetail,
  EndpointSummary,
  ListFilters,
  Page,
  Partition,
  SchemaField,
  SchemaVersion,
} from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';
import { compact, parseJson, toIso } from '../database/conversions';
import { keysetPage } from '../database/cursors';
import { declarationView } from '../ownership/declarationView';
import { OwnershipStore } from '../ownership/OwnershipStore';
import {
  endpointSummary,
  listByIdentity,
  partition,
  partitionsQuery,
  references,
} from './rows';

type Row = Record<string, any>;

/**
 * The SQL behind the endpoint pages: endpoints, their schema versions and
 * partitions, and the workflows that currently write and read them.
 */
export class EndpointStore {
  constructor(
    private readonly db: Knex,
    private readonly ownership = new OwnershipStore(db),
  ) {}

  async listEndpoints(filters: ListFilters): Promise<Page<EndpointSummary>> {
    // With both parts of an identity, a symlink alias finds its endpoint.
    const id =
      filters.namespace && filters.name
        ? (await this.resolveEndpointId(filters.namespace, filters.name)) ?? ''
        : undefined;
    const { rows, ...page } = await listByIdentity(
      this.db,
      'endpoints',
      id === undefined
        ? filters
        : { ...filters, namespace: undefined, name: undefined },
      ['field_names'],
      query => (id === undefined ? query : query.where('id', id)),
    );
    const declared = await this.ownership.getDeclarations(
      'endpoint',
      rows.map(r => r.id),
    );
    return {
      items: rows.map(row => endpointSummary(row, declared.get(row.id))),
      ...page,
    };
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
    const [aliases, version, partitionCount, latestPartition, io, declared] =
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
        partitionsQuery(this.db)
          .where('p.endpoint_id', id)
          .orderBy('p.landed_at', 'desc')
          .orderBy('p.partition_key', 'desc')
          .first(),
        this.currentIoOfEndpoint(id),
        this.ownership.getDeclaration('endpoint', id),
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
      ...endpointSummary(row, declared),
      ...(declared && { declaration: declarationView(declared) }),
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

  async listPartitions(
    endpointId: string,
    filters: { from?: Date; to?: Date; limit?: number; cursor?: string },
  ): Promise<Page<Partition>> {
    const query = partitionsQuery(this.db).where('p.endpoint_id', endpointId);
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
}
