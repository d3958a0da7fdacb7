import { Knex } from 'knex';
import { Server } from 'node:http';
import { derived } from './testService';

/**
 * Everything derived, in a form two stores can be compared by, once what
 * was accepted so far is derived.
 */
export async function derivedState(knex: Knex, server: Server) {
  await derived(server);
  return await derivedTables(knex);
}

/** Everything derived, as {@link derivedState} compares it, as it is now. */
export async function derivedTables(knex: Knex) {
  const tables = {
    endpoints: ['id'],
    schema_versions: ['endpoint_id', 'hash'],
    workflows: ['id'],
    workflow_io: ['workflow_id', 'endpoint_id', 'direction'],
    lineage_edges: ['workflow_id', 'endpoint_id', 'direction'],
    runs: ['run_id'],
    run_io: ['run_id', 'endpoint_id', 'direction'],
    partitions: ['endpoint_id', 'partition_key', 'run_id'],
    column_lineage: [
      'endpoint_id',
      'field',
      'input_namespace',
      'input_name',
      'input_field',
    ],
    quality_assertions: ['endpoint_id', 'run_id', 'assertion', 'column_name'],
  };
  const state: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    state[table] = (await knex(table).orderBy(order)).map(row =>
      Object.fromEntries(
        Object.entries(row)
          // Processing time: when this store changed the row, not what.
          .filter(([k]) => k !== 'changed_at')
          .map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]),
      ),
    );
  }
  return state;
}
