import { NotFoundError } from '@backstage/errors';
import {
  EndpointDetail,
  EndpointSummary,
  ListFilters,
  Page,
  Partition,
  RunDetail,
  RunFilters,
  RunSummary,
  SchemaDiff,
  SchemaVersion,
  WorkflowDetail,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import { diffFields } from '../openlineage/schemaFields';
import { EndpointStore } from './EndpointStore';
import { ValueCount, ValueQuery, ValueStore } from './ValueStore';
import { WorkflowStore } from './WorkflowStore';

/** Filters of an endpoint's partitions, parsed. */
export type PartitionFilters = {
  /** Partitions whose nominal start (else landing) is at or after it. */
  from?: Date;
  /** ... and before it. */
  to?: Date;
  limit?: number;
  cursor?: string;
};

/**
 * What the platform is made of, as derived from the events: endpoints
 * with their schema versions and partitions, workflows and their runs.
 * An id that does not exist throws NotFoundError.
 */
export interface AssetsService {
  listEndpoints(filters: ListFilters): Promise<Page<EndpointSummary>>;
  getEndpoint(id: string): Promise<EndpointDetail>;
  listSchemaVersions(endpointId: string): Promise<SchemaVersion[]>;
  /** What changed from schema version `from` to `to` (numbered from 1). */
  getSchemaDiff(
    endpointId: string,
    from: number,
    to: number,
  ): Promise<SchemaDiff>;
  listPartitions(
    endpointId: string,
    filters: PartitionFilters,
  ): Promise<Page<Partition>>;

  listWorkflows(filters: ListFilters): Promise<Page<WorkflowSummary>>;
  getWorkflow(id: string): Promise<WorkflowDetail>;
  listRuns(workflowId: string, filters: RunFilters): Promise<Page<RunSummary>>;
  getRun(runId: string): Promise<RunDetail>;

  /** Distinct namespaces, tags or owners, most used first. */
  listValues(query: ValueQuery): Promise<ValueCount[]>;
}

/** The {@link AssetsService} over the assets' own stores. */
export class DefaultAssetsService implements AssetsService {
  constructor(
    private readonly endpoints: EndpointStore,
    private readonly workflows: WorkflowStore,
    private readonly values: ValueStore,
  ) {}

  listValues(query: ValueQuery): Promise<ValueCount[]> {
    return this.values.listValues(query);
  }

  listEndpoints(filters: ListFilters): Promise<Page<EndpointSummary>> {
    return this.endpoints.listEndpoints(filters);
  }

  async getEndpoint(id: string): Promise<EndpointDetail> {
    const endpoint = await this.endpoints.getEndpoint(id);
    if (!endpoint) throw new NotFoundError(`No endpoint ${id}`);
    return endpoint;
  }

  async listSchemaVersions(endpointId: string): Promise<SchemaVersion[]> {
    await this.endpointExists(endpointId);
    return await this.endpoints.listSchemaVersions(endpointId);
  }

  async getSchemaDiff(
    endpointId: string,
    from: number,
    to: number,
  ): Promise<SchemaDiff> {
    const [before, after] = await Promise.all([
      this.endpoints.getSchemaVersionFields(endpointId, from),
      this.endpoints.getSchemaVersionFields(endpointId, to),
    ]);
    if (!before || !after) {
      throw new NotFoundError(
        `Endpoint ${endpointId} has no schema version ${!before ? from : to}`,
      );
    }
    const changes = diffFields(before, after);
    return { from, to, breaking: changes.some(c => c.breaking), changes };
  }

  async listPartitions(
    endpointId: string,
    filters: PartitionFilters,
  ): Promise<Page<Partition>> {
    await this.endpointExists(endpointId);
    return await this.endpoints.listPartitions(endpointId, filters);
  }

  listWorkflows(filters: ListFilters): Promise<Page<WorkflowSummary>> {
    return this.workflows.listWorkflows(filters);
  }

  async getWorkflow(id: string): Promise<WorkflowDetail> {
    const workflow = await this.workflows.getWorkflow(id);
    if (!workflow) throw new NotFoundError(`No workflow ${id}`);
    return workflow;
  }

  async listRuns(
    workflowId: string,
    filters: RunFilters,
  ): Promise<Page<RunSummary>> {
    if (!(await this.workflows.getWorkflow(workflowId))) {
      throw new NotFoundError(`No workflow ${workflowId}`);
    }
    return await this.workflows.listRuns(workflowId, filters);
  }

  async getRun(runId: string): Promise<RunDetail> {
    const run = await this.workflows.getRun(runId);
    if (!run) throw new NotFoundError(`No run ${runId}`);
    return run;
  }

  private async endpointExists(id: string) {
    if (!(await this.endpoints.getEndpoint(id))) {
      throw new NotFoundError(`No endpoint ${id}`);
    }
  }
}
