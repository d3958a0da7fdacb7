import {
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
} from './annotations';
import { cronProblem } from './cron';
import { durationSeconds } from './duration';

/**
 * How often an endpoint gets a new partition: a keyword, or a five-field
 * cron expression for the time each partition's window starts.
 *
 * @public
 */
export type PartitionCadence =
  | { kind: 'hourly' | 'daily' | 'weekly' | 'monthly' }
  | { kind: 'cron'; expression: string };

/**
 * How sensitive an endpoint's data is, least to most.
 *
 * @public
 */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;

/** @public */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/**
 * What a team declares about one of its endpoints (an API entity of type
 * `dataset`) or workflows (a Component of type `data-pipeline`) in its own
 * `catalog-info.yaml`. Only the valid parts of a declaration are here; see
 * {@link parseDataPlatformDeclaration} for the format.
 *
 * @public
 */
export type DataPlatformDeclaration = {
  kind: 'endpoint' | 'workflow';
  /** The declaring entity, as `kind:namespace/name` in lower case. */
  entityRef: string;
  /** The OpenLineage namespace and name it declares. */
  namespace: string;
  name: string;
  /** `spec.owner` as a full entity ref (a bare name is a Group). */
  owner?: string;
  lifecycle?: string;
  /** `spec.system` as a full entity ref. */
  system?: string;
  title?: string;
  description?: string;
  /** Endpoints: when partitions arrive. */
  partitions?: {
    cadence?: PartitionCadence;
    /** ISO 8601, after the end of each partition's window. */
    expectedBy?: string;
    expectedBySeconds?: number;
  };
  /** Endpoints: how long partitions are kept, ISO 8601. */
  retention?: string;
  retentionSeconds?: number;
  classification?: DataClassification;
  /** 1 is the most critical; sets the severity of alerts. */
  tier?: 1 | 2 | 3;
  /** Workflows: a run still running after this is long-running, ISO 8601. */
  maxRunDuration?: string;
  maxRunDurationSeconds?: number;
};

/**
 * One thing wrong with a declaration: where (a path into the entity) and
 * why.
 *
 * @public
 */
export type DeclarationProblem = { path: string; message: string };

/** The parts of a catalog entity a declaration is read from. @public */
export type DeclaringEntity = {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
};

const BLOCK = 'dataPlatform';
const BLOCK_PATH = `spec.${BLOCK}`;
const CADENCE_KEYWORDS = ['hourly', 'daily', 'weekly', 'monthly'];
const ENDPOINT_KEYS = ['partitions', 'retention', 'classification', 'tier'];
const WORKFLOW_KEYS = ['tier', 'maxRunDuration'];
const PARTITION_KEYS = ['cadence', 'expectedBy'];

class BlockReader {
  constructor(
    private readonly block: Record<string, unknown>,
    private readonly path: string,
    private readonly problems: DeclarationProblem[],
  ) {}

  duration(key: string): { text: string; seconds: number } | undefined {
    const value = this.block[key];
    if (value === undefined) return undefined;
    const seconds =
      typeof value === 'string' ? durationSeconds(value) : undefined;
    if (seconds === undefined) {
      this.problems.push({
        path: `${this.path}.${key}`,
        message: `${JSON.stringify(
          value,
        )} is not a non-negative ISO 8601 duration such as PT6H or P30D`,
      });
      return undefined;
    }
    return { text: value as string, seconds };
  }

  oneOf<T extends string | number>(
    key: string,
    values: readonly T[],
  ): T | undefined {
    const value = this.block[key];
    if (value === undefined) return undefined;
    if (values.includes(value as T)) return value as T;
    this.problems.push({
      path: `${this.path}.${key}`,
      message: `${JSON.stringify(value)} is not one of ${values.join(', ')}`,
    });
    return undefined;
  }
}

/**
 * Reads a team's declaration of an endpoint or workflow from a catalog
 * entity. An entity declares one when it has both OpenLineage annotations
 * ({@link ANNOTATION_OPENLINEAGE_NAMESPACE}, {@link ANNOTATION_OPENLINEAGE_NAME});
 * an endpoint is `kind: API` with `spec.type: dataset`, a workflow
 * `kind: Component` with `spec.type: data-pipeline`. The optional
 * `spec.dataPlatform` block:
 *
 * ```yaml
 * dataPlatform:
 *   partitions:
 *     cadence: daily          # hourly | daily | weekly | monthly | "0 6 * * *"
 *     expectedBy: PT6H        # after the end of each partition's window
 *   retention: P400D
 *   classification: confidential # public | internal | confidential | restricted
 *   tier: 1                   # 1 (critical) to 3
 *   maxRunDuration: PT2H      # workflows only, instead of partitions/retention/classification
 * ```
 *
 * Returns `declaration: undefined` for an entity without the annotations.
 * Otherwise the declaration holds every valid part and `problems` says
 * what was left out and why (an unknown key, a bad cron expression or
 * duration, a value out of range), so one mistake never discards the
 * owner or the rest.
 *
 * @public
 */
export function parseDataPlatformDeclaration(entity: DeclaringEntity): {
  declaration?: DataPlatformDeclaration;
  problems: DeclarationProblem[];
} {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[ANNOTATION_OPENLINEAGE_NAMESPACE];
  const name = annotations[ANNOTATION_OPENLINEAGE_NAME];
  const problems: DeclarationProblem[] = [];
  if (namespace === undefined && name === undefined) {
    if (entity.spec?.[BLOCK] !== undefined) {
      problems.push({
        path: BLOCK_PATH,
        message: `a ${BLOCK} block needs the annotations ${ANNOTATION_OPENLINEAGE_NAMESPACE} and ${ANNOTATION_OPENLINEAGE_NAME} naming what it declares`,
      });
    }
    return { problems };
  }
  for (const [key, value] of [
    [ANNOTATION_OPENLINEAGE_NAMESPACE, namespace],
    [ANNOTATION_OPENLINEAGE_NAME, name],
  ] as const) {
    if (!value || !value.trim()) {
      problems.push({
        path: `metadata.annotations.${key}`,
        message: `${key} is missing or empty: both OpenLineage annotations name what the entity declares`,
      });
    }
  }
  const kind = declaredKind(entity);
  if (!kind) {
    problems.push({
      path: 'kind',
      message:
        'an endpoint is declared as kind API with spec.type dataset, a workflow as kind Component with spec.type data-pipeline',
    });
  }
  if (!kind || problems.length > 0) return { problems };

  const entityNamespace = entity.metadata.namespace ?? 'default';
  const spec = entity.spec ?? {};
  const declaration: DataPlatformDeclaration = {
    kind,
    entityRef:
      `${entity.kind}:${entityNamespace}/${entity.metadata.name}`.toLowerCase(),
    namespace: namespace!,
    name: name!,
    ...optional('owner', fullRef(spec.owner, 'group', entityNamespace)),
    ...optional('lifecycle', text(spec.lifecycle)),
    ...optional('system', fullRef(spec.system, 'system', entityNamespace)),
    ...optional('title', text(entity.metadata.title)),
    ...optional('description', text(entity.metadata.description)),
  };

  const block = spec[BLOCK];
  if (block === undefined) return { declaration, problems };
  if (!isObject(block)) {
    problems.push({ path: BLOCK_PATH, message: 'must be a mapping' });
    return { declaration, problems };
  }
  const allowed = kind === 'endpoint' ? ENDPOINT_KEYS : WORKFLOW_KEYS;
  for (const key of Object.keys(block)) {
    if (!allowed.includes(key)) {
      problems.push({
        path: `${BLOCK_PATH}.${key}`,
        message: `unknown key "${key}" for ${
          kind === 'endpoint' ? 'an endpoint' : 'a workflow'
        }; allowed: ${allowed.join(', ')}`,
      });
    }
  }
  const read = new BlockReader(block, BLOCK_PATH, problems);
  if (kind === 'endpoint') {
    const partitions = readPartitions(block.partitions, problems);
    if (partitions) declaration.partitions = partitions;
    const retention = read.duration('retention');
    if (retention) {
      declaration.retention = retention.text;
      declaration.retentionSeconds = retention.seconds;
    }
    const classification = read.oneOf('classification', DATA_CLASSIFICATIONS);
    if (classification) declaration.classification = classification;
  } else {
    const max = read.duration('maxRunDuration');
    if (max && max.seconds === 0) {
      problems.push({
        path: `${BLOCK_PATH}.maxRunDuration`,
        message: 'must be longer than zero',
      });
    } else if (max) {
      declaration.maxRunDuration = max.text;
      declaration.maxRunDurationSeconds = max.seconds;
    }
  }
  const tier = read.oneOf('tier', [1, 2, 3] as const);
  if (tier) declaration.tier = tier;
  return { declaration, problems };
}

function readPartitions(
  value: unknown,
  problems: DeclarationProblem[],
): DataPlatformDeclaration['partitions'] {
  if (value === undefined) return undefined;
  const path = `${BLOCK_PATH}.partitions`;
  if (!isObject(value)) {
    problems.push({ path, message: 'must be a mapping' });
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!PARTITION_KEYS.includes(key)) {
      problems.push({
        path: `${path}.${key}`,
        message: `unknown key "${key}"; allowed: ${PARTITION_KEYS.join(', ')}`,
      });
    }
  }
  const result: NonNullable<DataPlatformDeclaration['partitions']> = {};
  const cadence = value.cadence;
  if (typeof cadence === 'string' && CADENCE_KEYWORDS.includes(cadence)) {
    result.cadence = { kind: cadence as 'hourly' };
  } else if (typeof cadence === 'string') {
    const problem = cronProblem(cadence);
    if (problem) {
      problems.push({
        path: `${path}.cadence`,
        message: `"${cadence}" is neither ${CADENCE_KEYWORDS.join(
          ', ',
        )} nor a valid cron expression: ${problem}`,
      });
    } else {
      result.cadence = { kind: 'cron', expression: cadence.trim() };
    }
  } else if (cadence !== undefined) {
    problems.push({
      path: `${path}.cadence`,
      message: `must be ${CADENCE_KEYWORDS.join(', ')} or a cron expression`,
    });
  }
  const expectedBy = new BlockReader(value, path, problems).duration(
    'expectedBy',
  );
  if (expectedBy) {
    result.expectedBy = expectedBy.text;
    result.expectedBySeconds = expectedBy.seconds;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function declaredKind(
  entity: DeclaringEntity,
): DataPlatformDeclaration['kind'] | undefined {
  const kind = entity.kind.toLowerCase();
  const type = entity.spec?.type;
  if (kind === 'api' && type === 'dataset') return 'endpoint';
  if (kind === 'component' && type === 'data-pipeline') return 'workflow';
  return undefined;
}

/**
 * A reference as the catalog reads `spec.owner` or `spec.system`: without a
 * kind it is of `defaultKind`, without a namespace in the entity's own.
 */
function fullRef(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | undefined {
  const ref = text(value);
  if (!ref) return undefined;
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref);
  if (!match) return undefined;
  const [, kind = defaultKind, ns = namespace, name] = match;
  return `${kind}:${ns}/${name}`.toLowerCase();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
