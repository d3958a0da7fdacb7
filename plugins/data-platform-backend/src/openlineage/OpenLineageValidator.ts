import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childPath, Rejection, toJsonPath } from './rejection';
import { checkStorable, checkTimestamp } from './storageLimits';
import { repairText } from './storableText';
import { OpenLineageEvent, EventKind } from './types';

const schemasDir = resolvePackagePath(
  '@data-platform/plugin-data-platform-backend',
  'schemas/openlineage',
);

type FacetCategory = 'run' | 'job' | 'dataset' | 'input' | 'output';

/** The verdict on one event. */
export type ValidationResult =
  | {
      ok: true;
      kind: EventKind;
      /** The event with lenient fixes applied; the raw log keeps the original. */
      event: OpenLineageEvent;
      /** What was off but accepted, each with its JSON path. */
      notes: string[];
    }
  | { ok: false; reason: string; jsonPath: string };

const OFFSET_PATTERN = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;
const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Input facets that producers put under a dataset's `facets`.
const MISPLACED_INPUT_FACETS = ['dataQualityAssertions', 'inputStatistics'];

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Fills in a string producers are known to leave out, with a note; one
 * they sent as something else is a mistake to tell them about.
 */
function fillString(
  target: Record<string, any>,
  field: string,
  path: string,
  fallback: string,
  notes: string[],
) {
  const value = target[field];
  if (isNonEmptyString(value)) return;
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new Rejection(`${path} must be a string`, path);
  }
  notes.push(`${path} was missing`);
  target[field] = fallback;
}

/**
 * Refuses a missing, mistyped or blank string, saying which of the three
 * it is: a producer sending `name: 42` needs to hear "must be a string".
 */
function requireString(value: unknown, path: string): asserts value is string {
  if (value === undefined || value === null) {
    throw new Rejection(`${path} is required`, path);
  }
  if (typeof value !== 'string') {
    throw new Rejection(`${path} must be a string`, path);
  }
  if (value.trim().length === 0) {
    throw new Rejection(`${path} must not be empty`, path);
  }
}

/** Refuses a missing or non-object value, saying which. */
function requireObject(value: unknown, path: string) {
  if (value === undefined || value === null) {
    throw new Rejection(`${path} is required`, path);
  }
  if (!isObject(value)) {
    throw new Rejection(`${path} must be an object`, path);
  }
}

function describe(error: ErrorObject, base: string) {
  let jsonPath = toJsonPath(base, error.instancePath);
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string })
      .missingProperty;
    jsonPath = childPath(jsonPath, missing);
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string })
      .additionalProperty;
    jsonPath = childPath(jsonPath, extra);
    message = 'is not allowed here';
  }
  return { jsonPath, reason: `${jsonPath} ${message}` };
}

/**
 * Checks OpenLineage events against the spec's JSON Schemas (core 2-0-2 and
 * the standard facets), leniently where real producers are known to stray:
 * a missing `schemaURL`, `producer` or facet `_producer`/`_schemaURL`, an
 * `eventTime` without a zone, input facets under `facets`, and
 * `dataQualityMetrics` without `columnMetrics`. Those are fixed and noted;
 * anything else that breaks the schema is rejected with its JSON path. So
 * is what PostgreSQL could not store (see `storageLimits`), on SQLite too,
 * except NUL and unpaired surrogates, which become U+FFFD with a note
 * (`storableText`).
 */
export class OpenLineageValidator {
  private readonly events: Record<EventKind, ValidateFunction>;
  private readonly facets: Record<FacetCategory, Map<string, ValidateFunction>>;

  constructor() {
    const ajv = new Ajv2020({ allErrors: false, strict: false });
    addFormats(ajv);
    // Producers send run ids that are not UUIDs and producer strings that are
    // not URIs; neither stops the service from using the event. Run ids are
    // noted below, producer strings are kept as sent.
    ajv.addFormat('uuid', true);
    ajv.addFormat('uri', true);
    const core = JSON.parse(
      readFileSync(join(schemasDir, 'OpenLineage.json'), 'utf8'),
    );
    ajv.addSchema(core);
    const coreId: string = core.$id;
    this.events = {
      run: ajv.getSchema(`${coreId}#/$defs/RunEvent`)!,
      dataset: ajv.getSchema(`${coreId}#/$defs/DatasetEvent`)!,
      job: ajv.getSchema(`${coreId}#/$defs/JobEvent`)!,
    };

    this.facets = {
      run: new Map(),
      job: new Map(),
      dataset: new Map(),
      input: new Map(),
      output: new Map(),
    };
    const facetDir = join(schemasDir, 'facets');
    for (const file of readdirSync(facetDir).filter(f => f.endsWith('.json'))) {
      const text = readFileSync(join(facetDir, file), 'utf8');
      const schema = JSON.parse(text);
      const validate = ajv.compile(schema);
      for (const category of facetCategories(file, text)) {
        for (const key of Object.keys(schema.properties ?? {})) {
          this.facets[category].set(key, validate);
        }
      }
    }
  }

  /**
   * @param options.inPlace - apply the lenient fixes to `input` itself
   *   instead of a copy; for callers that already kept what was sent.
   */
  validate(input: unknown, options?: { inPlace?: boolean }): ValidationResult {
    try {
      const notes: string[] = [];
      if (!isObject(input)) {
        throw new Rejection(
          '$ must be a JSON object (an OpenLineage event)',
          '$',
        );
      }
      const event = (
        options?.inPlace ? input : structuredClone(input)
      ) as OpenLineageEvent;
      // First, so that every later reason and note quotes storable text.
      repairText(event, notes);
      const kind = this.checkStructure(event);
      this.normalize(event, kind, notes);
      // Before the core schema, which requires `_producer` and `_schemaURL`
      // of every facet: a facet without them is accepted with a note.
      fixFacets(event, notes);

      const validateEvent = this.events[kind];
      if (!validateEvent(event)) {
        const { reason, jsonPath } = describe(validateEvent.errors![0], '$');
        throw new Rejection(reason, jsonPath);
      }
      this.validateFacets(event);
      checkStorable(event, kind);
      return { ok: true, kind, event, notes };
    } catch (error) {
      if (error instanceof Rejection) {
        return { ok: false, reason: error.reason, jsonPath: error.jsonPath };
      }
      throw error;
    }
  }

  /** What makes an event unusable, whatever the mode: its identity. */
  private checkStructure(event: Record<string, any>): EventKind {
    let kind: EventKind;
    if ('run' in event) {
      kind = 'run';
      requireObject(event.run, '$.run');
      requireString(event.run.runId, '$.run.runId');
    } else if ('dataset' in event) {
      kind = 'dataset';
      requireObject(event.dataset, '$.dataset');
      checkIdentity(event.dataset, '$.dataset');
    } else if ('job' in event) {
      kind = 'job';
    } else {
      throw new Rejection(
        '$ is not an OpenLineage event: it has none of run, job or dataset',
        '$',
      );
    }
    if (kind !== 'dataset') {
      requireObject(event.job, '$.job');
      checkIdentity(event.job, '$.job');
    }
    for (const direction of ['inputs', 'outputs'] as const) {
      if (event[direction] === undefined) continue;
      if (!Array.isArray(event[direction])) {
        throw new Rejection(
          `$.${direction} must be an array`,
          `$.${direction}`,
        );
      }
      event[direction].forEach((dataset: unknown, index: number) => {
        const path = `$.${direction}[${index}]`;
        if (!isObject(dataset)) {
          throw new Rejection(`${path} must be an object`, path);
        }
        checkIdentity(dataset, path);
      });
    }
    requireString(event.eventTime, '$.eventTime');
    return kind;
  }

  private normalize(
    event: Record<string, any>,
    kind: EventKind,
    notes: string[],
  ) {
    fillString(
      event,
      'schemaURL',
      '$.schemaURL',
      `https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/${
        { run: 'RunEvent', dataset: 'DatasetEvent', job: 'JobEvent' }[kind]
      }`,
      notes,
    );
    fillString(event, 'producer', '$.producer', 'urn:unknown-producer', notes);
    event.eventTime = normalizeTime(event.eventTime, '$.eventTime', notes);
    if (kind === 'run') {
      if (!UUID_PATTERN.test(event.run.runId)) {
        notes.push('$.run.runId is not a UUID');
      }
      const nominal = event.run.facets?.nominalTime;
      if (isObject(nominal)) {
        for (const field of ['nominalStartTime', 'nominalEndTime']) {
          if (typeof nominal[field] === 'string') {
            nominal[field] = normalizeTime(
              nominal[field],
              `$.run.facets.nominalTime.${field}`,
              notes,
            );
          }
        }
      }
    }

    for (const { dataset, path } of eventDatasets(event)) {
      const facets = dataset.facets;
      if (!isObject(facets)) continue;
      for (const key of MISPLACED_INPUT_FACETS) {
        if (key in facets) {
          notes.push(`${path}.facets.${key} belongs under inputFacets`);
          dataset.inputFacets = { [key]: facets[key], ...dataset.inputFacets };
          delete facets[key];
        }
      }
    }
  }

  private validateFacets(event: Record<string, any>) {
    for (const { facets, category, path } of facetContainers(event)) {
      for (const [key, facet] of Object.entries(facets)) {
        const validate = this.facets[category].get(key);
        if (validate && !validate({ [key]: facet })) {
          const { reason, jsonPath } = describe(validate.errors![0], path);
          throw new Rejection(reason, jsonPath);
        }
      }
    }
  }
}

type Dataset = {
  dataset: Record<string, any>;
  path: string;
  direction?: 'inputs' | 'outputs';
};

/** The datasets of an event, each with its path. */
function eventDatasets(event: Record<string, any>): Dataset[] {
  const datasets: Dataset[] = [];
  // A RunEvent may carry a `dataset` property, which means nothing to it.
  if (!('run' in event) && isObject(event.dataset)) {
    datasets.push({ dataset: event.dataset, path: '$.dataset' });
  }
  for (const direction of ['inputs', 'outputs'] as const) {
    (event[direction] ?? []).forEach(
      (dataset: Record<string, any>, i: number) =>
        datasets.push({ dataset, path: `$.${direction}[${i}]`, direction }),
    );
  }
  return datasets;
}

/** Every map of facets an event carries, with its kind and path. */
function facetContainers(event: Record<string, any>) {
  const containers: {
    facets: Record<string, any>;
    category: FacetCategory;
    path: string;
  }[] = [];
  const add = (facets: unknown, category: FacetCategory, path: string) => {
    if (isObject(facets)) containers.push({ facets, category, path });
  };
  add(event.run?.facets, 'run', '$.run.facets');
  add(event.job?.facets, 'job', '$.job.facets');
  for (const { dataset, path, direction } of eventDatasets(event)) {
    add(dataset.facets, 'dataset', `${path}.facets`);
    if (direction === 'inputs') {
      add(dataset.inputFacets, 'input', `${path}.inputFacets`);
    } else if (direction === 'outputs') {
      add(dataset.outputFacets, 'output', `${path}.outputFacets`);
    }
  }
  return containers;
}

/**
 * Fills in what producers leave out of facets: `_producer`, `_schemaURL`,
 * and `columnMetrics` of `dataQualityMetrics`, each with a note.
 */
function fixFacets(event: Record<string, any>, notes: string[]) {
  for (const { facets, path } of facetContainers(event)) {
    for (const [key, facet] of Object.entries(facets)) {
      const facetPath = childPath(path, key);
      if (!isObject(facet)) {
        throw new Rejection(`${facetPath} must be an object`, facetPath);
      }
      fillString(
        facet,
        '_producer',
        `${facetPath}._producer`,
        'urn:unknown-producer',
        notes,
      );
      fillString(
        facet,
        '_schemaURL',
        `${facetPath}._schemaURL`,
        'urn:unknown-schema',
        notes,
      );
      if (key === 'dataQualityMetrics' && !isObject(facet.columnMetrics)) {
        notes.push(`${facetPath}.columnMetrics was missing`);
        facet.columnMetrics = {};
      }
    }
  }
}

function checkIdentity(value: Record<string, any>, path: string) {
  requireString(value.namespace, `${path}.namespace`);
  requireString(value.name, `${path}.name`);
}

/**
 * A timestamp as ISO 8601 with a zone. Producers that send local time mean
 * UTC in practice (the Python client's default), so that is assumed.
 */
function normalizeTime(value: string, path: string, notes: string[]) {
  if (OFFSET_PATTERN.test(value)) {
    if (Number.isNaN(Date.parse(value))) {
      throw new Rejection(`${path} is not a valid date-time`, path);
    }
    checkTimestamp(value, path);
    return value;
  }
  if (LOCAL_DATE_TIME.test(value)) {
    const withTime =
      value.includes('T') || value.includes(' ')
        ? value.replace(' ', 'T')
        : `${value}T00:00:00`;
    const utc = `${withTime}Z`;
    if (Number.isNaN(Date.parse(utc))) {
      throw new Rejection(`${path} is not a valid date-time`, path);
    }
    checkTimestamp(utc, path);
    notes.push(`${path} had no time zone; UTC assumed`);
    return utc;
  }
  throw new Rejection(`${path} is not a valid date-time`, path);
}

/** Where a facet schema applies, from its file name and the base it extends. */
function facetCategories(file: string, text: string): FacetCategory[] {
  if (file.endsWith('RunFacet.json')) return ['run'];
  if (file.endsWith('JobFacet.json')) return ['job'];
  if (file.endsWith('InputDatasetFacet.json')) return ['input'];
  if (file.endsWith('OutputDatasetFacet.json')) return ['output'];
  const categories: FacetCategory[] = [];
  if (text.includes('#/$defs/DatasetFacet"')) categories.push('dataset');
  if (text.includes('#/$defs/InputDatasetFacet"')) categories.push('input');
  if (text.includes('#/$defs/OutputDatasetFacet"')) categories.push('output');
  if (text.includes('#/$defs/JobFacet"')) categories.push('job');
  return categories;
}
