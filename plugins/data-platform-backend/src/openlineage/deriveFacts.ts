import { OpenLineageDataset, OpenLineageEvent } from './types';
import {
  AssertionFact,
  ColumnLineageFact,
  EndpointAttributes,
  EndpointFact,
  Facts,
  MetricFact,
  PartitionFact,
  RunEventType,
  WorkflowAttributes,
} from './facts';
import { entityId } from './ids';
import { normalizeFields, schemaVersion } from './schemaFields';

type Json = Record<string, any>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) =>
  typeof v === 'string' && v.length > 0 ? v : undefined;
const num = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const date = (v: unknown) => {
  const d = typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};

function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

function firstOwner(facet: unknown): string | undefined {
  if (!isObject(facet) || !Array.isArray(facet.owners)) return undefined;
  return str(
    facet.owners.find((o: unknown) => isObject(o) && str(o.name))?.name,
  );
}

function tagList(facet: unknown): string[] | undefined {
  if (!isObject(facet) || !Array.isArray(facet.tags)) return undefined;
  const tags = facet.tags
    .filter((t: unknown) => isObject(t) && str(t.key) && !str(t.field))
    .map((t: Json) =>
      str(t.value) && t.value !== 'true' ? `${t.key}:${t.value}` : t.key,
    );
  return [...new Set<string>(tags)].sort();
}

function endpointAttributes(facets: Json): EndpointAttributes {
  return compact({
    description: str(facets.documentation?.description),
    owner: firstOwner(facets.ownership),
    tags: tagList(facets.tags),
    storage: isObject(facets.storage)
      ? compact({
          storageLayer: str(facets.storage.storageLayer),
          fileFormat: str(facets.storage.fileFormat),
        })
      : undefined,
    dataSource: isObject(facets.dataSource)
      ? compact({
          name: str(facets.dataSource.name),
          uri: str(facets.dataSource.uri),
        })
      : undefined,
  });
}

function workflowAttributes(facets: Json): WorkflowAttributes {
  const location = facets.sourceCodeLocation;
  return compact({
    description: str(facets.documentation?.description),
    owner: firstOwner(facets.ownership),
    tags: tagList(facets.tags),
    sql: str(facets.sql?.query)
      ? compact({ query: facets.sql.query, dialect: str(facets.sql.dialect) })
      : undefined,
    sourceCodeLocation: isObject(location)
      ? Object.fromEntries(
          ['type', 'url', 'repoUrl', 'path', 'version', 'tag', 'branch']
            .filter(k => str(location[k]))
            .map(k => [k, location[k]]),
        )
      : undefined,
    jobType: isObject(facets.jobType)
      ? compact({
          processingType: str(facets.jobType.processingType),
          integration: str(facets.jobType.integration),
          jobType: str(facets.jobType.jobType),
        })
      : undefined,
  });
}

function endpointFact(dataset: OpenLineageDataset): EndpointFact {
  const facets = dataset.facets ?? {};
  const fields = Array.isArray(facets.schema?.fields)
    ? normalizeFields(facets.schema.fields)
    : undefined;
  const identifiers = Array.isArray(facets.symlinks?.identifiers)
    ? facets.symlinks.identifiers
    : [];
  return {
    id: entityId('endpoint', dataset.namespace, dataset.name),
    namespace: dataset.namespace,
    name: dataset.name,
    attributes: endpointAttributes(facets),
    aliases: identifiers
      .filter(
        (i: unknown) =>
          isObject(i) &&
          str(i.namespace) &&
          str(i.name) &&
          !(i.namespace === dataset.namespace && i.name === dataset.name),
      )
      .map((i: Json) =>
        compact({ namespace: i.namespace, name: i.name, type: str(i.type) }),
      ),
    schema: fields ? schemaVersion(fields) : undefined,
  };
}

/**
 * The slices of an output a run produced: the partitions its subset facet
 * names, else the run's nominal time window, else the run itself.
 */
function partitionKeys(dataset: OpenLineageDataset, nominal?: Json): string[] {
  const keys = subsetPartitionKeys(dataset);
  if (keys.length) return keys;
  const key = nominalPartitionKey(nominal);
  return key ? [key] : [];
}

/**
 * A partition dimension's value as text. Objects are JSON: interpolating
 * one calls its `toString`, which JSON can set to a string, and throws.
 */
function dimensionValue(value: unknown): string {
  return typeof value === 'object' && value !== null
    ? JSON.stringify(value)
    : String(value);
}

/** The partitions an output's subset facet names, if any. */
export function subsetPartitionKeys(dataset: OpenLineageDataset): string[] {
  const condition =
    dataset.outputFacets?.subset?.outputCondition ??
    dataset.outputFacets?.subset?.inputCondition;
  if (isObject(condition)) {
    if (condition.type === 'partition' && Array.isArray(condition.partitions)) {
      const keys = condition.partitions
        .filter(isObject)
        .map(
          (p: Json) =>
            str(p.identifier) ??
            Object.entries(isObject(p.dimensions) ? p.dimensions : {})
              .map(([k, v]) => `${k}=${dimensionValue(v)}`)
              .join('/'),
        )
        .filter(Boolean);
      if (keys.length) return keys;
    }
    if (condition.type === 'location' && Array.isArray(condition.locations)) {
      const keys = condition.locations.filter(str);
      if (keys.length) return keys;
    }
  }
  return [];
}

/** The partition a run's nominal time window names, if it has one. */
export function nominalPartitionKey(nominal?: Json): string | undefined {
  const start = str(nominal?.nominalStartTime);
  if (!start) return undefined;
  const end = str(nominal?.nominalEndTime);
  return end ? `${start}/${end}` : start;
}

function columnLineage(
  endpointId: string,
  facet: unknown,
): ColumnLineageFact[] {
  if (!isObject(facet)) return [];
  const facts: ColumnLineageFact[] = [];
  const add = (field: string, input: unknown) => {
    if (!isObject(input) || !str(input.namespace) || !str(input.name)) return;
    const transformations =
      Array.isArray(input.transformations) && input.transformations.length
        ? input.transformations.filter(isObject)
        : [{}];
    for (const t of transformations) {
      facts.push(
        compact({
          endpointId,
          field,
          inputNamespace: input.namespace,
          inputName: input.name,
          inputField: str(input.field) ?? '',
          transformationType: str(t.type),
          transformationSubtype: str(t.subtype),
          transformationDescription: str(t.description),
          masking: typeof t.masking === 'boolean' ? t.masking : undefined,
        }),
      );
    }
  };
  if (isObject(facet.fields)) {
    for (const [field, spec] of Object.entries(facet.fields)) {
      if (!isObject(spec) || !Array.isArray(spec.inputFields)) continue;
      for (const input of spec.inputFields) add(field, input);
    }
  }
  if (Array.isArray(facet.dataset)) {
    for (const input of facet.dataset) add('', input);
  }
  return facts;
}

function quality(
  endpointId: string,
  runId: string | undefined,
  facets: Json,
): { assertions: AssertionFact[]; metrics: MetricFact[] } {
  const assertions: AssertionFact[] = [];
  const metrics: MetricFact[] = [];
  const list = facets.dataQualityAssertions?.assertions;
  if (Array.isArray(list)) {
    for (const a of list) {
      if (!isObject(a) || !str(a.assertion) || typeof a.success !== 'boolean') {
        continue;
      }
      assertions.push({
        endpointId,
        runId,
        assertion: a.assertion,
        column: str(a.column) ?? '',
        success: a.success,
      });
    }
  }
  const m = facets.dataQualityMetrics;
  if (isObject(m)) {
    metrics.push(
      compact({
        endpointId,
        runId,
        rowCount: num(m.rowCount),
        bytes: num(m.bytes),
        fileCount: num(m.fileCount),
        columnMetrics: isObject(m.columnMetrics) ? m.columnMetrics : {},
      }),
    );
  }
  return { assertions, metrics };
}

/** Reads what an accepted, normalized event says. Pure: no I/O. */
export function deriveFacts(event: OpenLineageEvent): Facts {
  const eventTime = new Date(event.eventTime);
  const facts: Facts = {
    eventTime,
    endpoints: [],
    runIo: [],
    jobIo: [],
    partitions: [],
    columnLineage: [],
    assertions: [],
    metrics: [],
  };

  // A RunEvent may carry a `dataset` property, which means nothing to it.
  if (!event.run && event.dataset) {
    const endpoint = endpointFact(event.dataset);
    facts.endpoints.push(endpoint);
    const facets = event.dataset.facets ?? {};
    facts.columnLineage.push(
      ...columnLineage(endpoint.id, facets.columnLineage),
    );
    const q = quality(endpoint.id, undefined, facets);
    facts.assertions.push(...q.assertions);
    facts.metrics.push(...q.metrics);
    return facts;
  }

  const job = event.job!;
  const jobFacets = job.facets ?? {};
  const workflowId = entityId('workflow', job.namespace, job.name);
  const runFacets = event.run?.facets ?? {};
  const parent = isObject(runFacets.parent) ? runFacets.parent : undefined;
  const parentJob =
    parent && str(parent.job?.namespace) && str(parent.job?.name)
      ? { namespace: parent.job.namespace, name: parent.job.name }
      : undefined;
  facts.workflow = {
    id: workflowId,
    namespace: job.namespace,
    name: job.name,
    attributes: compact({
      ...workflowAttributes(jobFacets),
      parent: parentJob,
    }),
  };

  const runId = event.run?.runId;
  const eventType = (event.eventType ?? 'OTHER') as RunEventType;
  const nominal = isObject(runFacets.nominalTime)
    ? runFacets.nominalTime
    : undefined;
  if (runId) {
    facts.run = compact({
      runId,
      workflowId,
      eventType,
      nominalStartTime: date(nominal?.nominalStartTime),
      nominalEndTime: date(nominal?.nominalEndTime),
      errorMessage: str(runFacets.errorMessage?.message),
      parentRunId: str(parent?.run?.runId),
      parentJob,
      facets: runFacets,
    });
  }

  const io = runId ? facts.runIo : facts.jobIo;
  for (const direction of ['inputs', 'outputs'] as const) {
    for (const dataset of event[direction] ?? []) {
      const endpoint = endpointFact(dataset);
      facts.endpoints.push(endpoint);
      io.push({
        endpointId: endpoint.id,
        direction: direction === 'inputs' ? 'input' : 'output',
      });
      const facets = dataset.facets ?? {};
      facts.columnLineage.push(
        ...columnLineage(endpoint.id, facets.columnLineage),
      );
      const q = quality(endpoint.id, runId, {
        ...facets,
        ...(dataset.inputFacets ?? {}),
      });
      facts.assertions.push(...q.assertions);
      facts.metrics.push(...q.metrics);

      if (direction === 'outputs' && runId && eventType === 'COMPLETE') {
        const stats = dataset.outputFacets?.outputStatistics ?? {};
        const keys = partitionKeys(dataset, nominal);
        for (const key of keys.length ? keys : [`run:${runId}`]) {
          facts.partitions.push(
            compact<PartitionFact>({
              endpointId: endpoint.id,
              runId,
              workflowId,
              key,
              nominalStartTime: date(nominal?.nominalStartTime),
              nominalEndTime: date(nominal?.nominalEndTime),
              landedAt: eventTime,
              rowCount: keys.length > 1 ? undefined : num(stats.rowCount),
              bytes: keys.length > 1 ? undefined : num(stats.size),
              fileCount: keys.length > 1 ? undefined : num(stats.fileCount),
            }),
          );
        }
      }
    }
  }
  return facts;
}
