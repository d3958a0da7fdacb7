import { EndpointAttributes, WorkflowAttributes } from '../openlineage/facts';
import { TimedAttributes } from './merge';
import { parseJson, toIso } from '../database/conversions';

type Row = Record<string, any>;

/** Where each attribute's value lives among a row's own columns. */
export type AttributeColumns<T> = {
  [K in keyof T]-?: (row: Row) => T[K] | null | undefined;
};

/**
 * The `attributes` column: each attribute's event time only. Its value is
 * already in the row's own column (description, facets, sql, ...), and
 * storing it twice doubled what every write of a hot row sent and stored.
 */
export function attributeTimes<T>(
  timed: TimedAttributes<T>,
): Record<string, number> {
  // Keys in a fixed order, so the same attributes are stored as the same
  // text whatever order the events that set them were applied in.
  const times: Record<string, number> = {};
  for (const key of Object.keys(timed).sort()) {
    times[key] = (timed[key as keyof typeof timed] as { t: number }).t;
  }
  return times;
}

/**
 * Reads the attributes of a row back with their values from its columns.
 * Rows written before times were stored alone hold `{v, t}` per attribute;
 * those are taken as they are.
 */
export function loadAttributes<T>(
  row: Row | undefined,
  columns: AttributeColumns<T>,
): TimedAttributes<T> {
  const stored = parseJson<Record<string, unknown>>(row?.attributes, {});
  const timed: Record<string, { v: unknown; t: number }> = {};
  for (const [key, entry] of Object.entries(stored)) {
    if (typeof entry === 'number') {
      const v = columns[key as keyof T]?.(row!);
      if (v !== undefined && v !== null) timed[key] = { v, t: entry };
    } else if (entry && typeof entry === 'object' && 't' in entry) {
      timed[key] = entry as { v: unknown; t: number };
    }
  }
  return timed as TimedAttributes<T>;
}

const json = (value: unknown) => parseJson<any>(value, undefined);
const parent = (row: Row) =>
  row.parent_namespace && row.parent_name
    ? { namespace: row.parent_namespace, name: row.parent_name }
    : undefined;

export const endpointColumns = {
  description: row => row.description,
  owner: row => row.owner,
  tags: row => json(row.tags),
  storage: row => json(row.storage),
  dataSource: row => json(row.data_source),
} satisfies AttributeColumns<EndpointAttributes>;

export const workflowColumns = {
  description: row => row.description,
  owner: row => row.owner,
  tags: row => json(row.tags),
  // The shape deriveFacts gives it: the dialect only when there is one.
  sql: row => {
    if (!row.sql) return undefined;
    return row.sql_dialect
      ? { query: row.sql, dialect: row.sql_dialect }
      : { query: row.sql };
  },
  sourceCodeLocation: row => json(row.source_code_location),
  jobType: row => json(row.job_type),
  parent,
} satisfies AttributeColumns<WorkflowAttributes>;

/** What a run's events say beyond its lifecycle. */
export type RunAttributes = {
  nominalStartTime: string;
  nominalEndTime: string;
  errorMessage: string;
  parentRunId: string;
  parentJob: { namespace: string; name: string };
  facets: Record<string, unknown>;
};

export const runColumns = {
  nominalStartTime: row => toIso(row.nominal_start),
  nominalEndTime: row => toIso(row.nominal_end),
  errorMessage: row => row.error_message,
  parentRunId: row => row.parent_run_id,
  parentJob: parent,
  facets: row => json(row.facets),
} satisfies AttributeColumns<RunAttributes>;
