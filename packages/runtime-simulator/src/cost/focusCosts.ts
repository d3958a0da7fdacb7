import { Endpoint, Platform, Workflow } from '../model/types';
import { PERIOD_MS, attemptsInWindow } from '../runs/simulateRuns';
import { Rng } from '../random/Rng';

const DAY = 86_400_000;

/**
 * A cost row in the columns of FOCUS, the FinOps Open Cost and Usage
 * Specification, that the cost work will read: one resource, one day.
 */
export type FocusCostRow = {
  ChargePeriodStart: string;
  ChargePeriodEnd: string;
  ChargeCategory: 'Usage';
  BilledCost: number;
  EffectiveCost: number;
  BillingCurrency: 'USD';
  ProviderName: string;
  ServiceName: string;
  ServiceCategory: 'Analytics' | 'Storage';
  ResourceId: string;
  ResourceName: string;
  ResourceType: 'Workflow' | 'Endpoint';
  /** Which team and which OpenLineage job or dataset the cost belongs to. */
  Tags: Record<string, string>;
};

// Hourly prices for a run of each engine: slots, workers, task managers.
const COMPUTE_PER_HOUR: Record<Workflow['engine'], number> = {
  bigquery: 4.0,
  dataflow: 1.6,
  flink: 1.1,
};
const SERVICE: Record<Workflow['engine'], string> = {
  bigquery: 'BigQuery',
  dataflow: 'Dataflow',
  flink: 'Kubernetes Engine',
};
// Committed-use discounts apply to BigQuery slots only.
const DISCOUNT: Record<Workflow['engine'], number> = {
  bigquery: 0.8,
  dataflow: 1,
  flink: 1,
};
const STORAGE_PER_GIB_MONTH = 0.02;
const RETENTION_DAYS = 90;

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Daily cost of every workflow (compute of each attempt that started that
 * day, failed ones included) and every endpoint (storage of its retained
 * partitions), from `from` for `days` days.
 */
export function focusCosts(
  platform: Platform,
  from: Date,
  days: number,
): FocusCostRow[] {
  const rows: FocusCostRow[] = [];
  const first = Math.floor(from.getTime() / DAY) * DAY;
  for (let d = 0; d < days; d++) {
    const start = first + d * DAY;
    const end = start + DAY;
    const period = {
      ChargePeriodStart: new Date(start).toISOString(),
      ChargePeriodEnd: new Date(end).toISOString(),
    };
    const hours = new Map<number, number>();
    for (const attempt of attemptsInWindow(platform, start, end)) {
      if (attempt.start < start || attempt.start >= end) continue;
      const index = attempt.workflow.index;
      hours.set(
        index,
        (hours.get(index) ?? 0) + (attempt.end - attempt.start) / 3_600_000,
      );
    }
    for (const workflow of platform.workflows) {
      const billed = round(
        (hours.get(workflow.index) ?? 0) * COMPUTE_PER_HOUR[workflow.engine],
      );
      rows.push({
        ...period,
        ChargeCategory: 'Usage',
        BilledCost: billed,
        EffectiveCost: round(billed * DISCOUNT[workflow.engine]),
        BillingCurrency: 'USD',
        ProviderName: 'Simulated Cloud',
        ServiceName: SERVICE[workflow.engine],
        ServiceCategory: 'Analytics',
        ResourceId: `openlineage:job:${workflow.namespace}/${workflow.name}`,
        ResourceName: workflow.name,
        ResourceType: 'Workflow',
        Tags: tags(workflow.owner, 'job', workflow.namespace, workflow.name),
      });
    }
    for (const endpoint of platform.endpoints) {
      const billed = round(
        (storedBytes(platform, endpoint, d) / 2 ** 30) *
          (STORAGE_PER_GIB_MONTH / 30),
      );
      rows.push({
        ...period,
        ChargeCategory: 'Usage',
        BilledCost: billed,
        EffectiveCost: billed,
        BillingCurrency: 'USD',
        ProviderName: 'Simulated Cloud',
        ServiceName:
          endpoint.storage === 'bigquery' ? 'BigQuery' : 'Cloud Storage',
        ServiceCategory: 'Storage',
        ResourceId: `openlineage:dataset:${endpoint.namespace}/${endpoint.name}`,
        ResourceName: endpoint.name,
        ResourceType: 'Endpoint',
        Tags: tags(
          endpoint.owner,
          'dataset',
          endpoint.namespace,
          endpoint.name,
        ),
      });
    }
  }
  return rows;
}

/** Retained partitions times their size, growing slowly over the days. */
function storedBytes(platform: Platform, endpoint: Endpoint, day: number) {
  const producer =
    endpoint.producer === undefined
      ? undefined
      : platform.workflows[endpoint.producer];
  const perDay = producer ? DAY / PERIOD_MS[producer.schedule] : 24;
  const growth = 1 + 0.002 * day;
  const jitter =
    0.95 + 0.1 * Rng.for(platform.seed, 'storage', endpoint.index, day).next();
  return (
    endpoint.rowsPerPartition *
    endpoint.bytesPerRow *
    perDay *
    RETENTION_DAYS *
    growth *
    jitter
  );
}

function tags(team: string, kind: string, namespace: string, name: string) {
  return {
    team,
    'openlineage.kind': kind,
    'openlineage.namespace': namespace,
    'openlineage.name': name,
  };
}

const COLUMNS: (keyof FocusCostRow)[] = [
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'BilledCost',
  'EffectiveCost',
  'BillingCurrency',
  'ProviderName',
  'ServiceName',
  'ServiceCategory',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'Tags',
];

/** RFC 4180 CSV with a header; Tags is a JSON object, as FOCUS has it. */
export function focusCsv(rows: FocusCostRow[]): string {
  const cell = (value: unknown) => {
    const text =
      typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[
    COLUMNS.join(','),
    ...rows.map(row => COLUMNS.map(c => cell(row[c])).join(',')),
  ].join('\n')}\n`;
}
