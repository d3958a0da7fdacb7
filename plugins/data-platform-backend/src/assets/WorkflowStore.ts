import {
  ListFilters,
  Page,
  RunDetail,
  RunFilters,
  RunSummary,
  WorkflowDetail,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';
import { compact, parseJson } from '../database/conversions';
import { keysetPage } from '../database/cursors';
import { entityId } from '../openlineage/ids';
import { declarationView } from '../ownership/declarationView';
import { OwnershipStore } from '../ownership/OwnershipStore';
import {
  listByIdentity,
  partition,
  partitionsQuery,
  references,
  runSummary,
  workflowSummary,
} from './rows';

/**
 * The SQL behind the workflow and run pages: workflows with their latest
 * run and current inputs and outputs, and runs with theirs.
 */
export class WorkflowStore {
  constructor(
    private readonly db: Knex,
    private readonly ownership = new OwnershipStore(db),
  ) {}

  async listWorkflows(filters: ListFilters): Promise<Page<WorkflowSummary>> {
    const { rows, ...page } = await listByIdentity(
      this.db,
      'workflows',
      filters,
      [],
    );
    const ids = rows.map(r => r.id);
    const [latest, declared] = await Promise.all([
      this.latestRuns(ids),
      this.ownership.getDeclarations('workflow', ids),
    ]);
    return {
      items: rows.map(row =>
        workflowSummary(row, latest.get(row.id), declared.get(row.id)),
      ),
      ...page,
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
    const [latestRuns, declared] = await Promise.all([
      this.latestRuns([id]),
      this.ownership.getDeclaration('workflow', id),
    ]);
    const latest = latestRuns.get(id);
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
      ...workflowSummary(row, latest, declared),
      ...(declared && { declaration: declarationView(declared) }),
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
      partitionsQuery(this.db)
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
}
