import { nominalPartitionKey, subsetPartitionKeys } from './deriveFacts';
import { childPath, reject } from './rejection';
import { EventKind, OpenLineageDataset, OpenLineageEvent } from './types';

/*
 * What an accepted event may carry so that PostgreSQL stores what it says,
 * checked here so that an event is refused with its path instead of failing
 * its write (a 5xx, retried for ever) or its derivation. SQLite enforces
 * none of this; the limits apply on both databases alike, so that an event
 * means the same on either.
 *
 * Byte limits keep index entries under PostgreSQL's btree maximum (2,704
 * bytes): the widest key, column_lineage's primary key, holds an endpoint
 * id, an output field, an input's namespace, name and field, and a
 * transformation type and subtype (at most 32 and 64 characters, 384 bytes),
 * so 25 + 256 + 512 + 1,024 + 256 + 384 bytes and the tuple's headers. The
 * other indexed texts (identities, aliases, partitions, assertions) fit
 * with room to spare. Character limits are those of varchar columns.
 */
export const STORAGE_LIMITS = {
  /** UTF-8 bytes of a namespace: jobs, datasets, symlinks, lineage inputs. */
  namespaceBytes: 512,
  /** UTF-8 bytes of a name: jobs, datasets, symlinks, lineage inputs. */
  nameBytes: 1024,
  /** UTF-8 bytes of a field named by the columnLineage facet. */
  fieldBytes: 256,
  /** UTF-8 bytes of a partition key (subset facet, nominal time window). */
  partitionKeyBytes: 1024,
  /** UTF-8 bytes of a data quality assertion and of its column. */
  assertionBytes: 512,
  /** Characters of a run id and a parent run id. */
  runIdChars: 255,
  /** Characters of an owner's name. */
  ownerChars: 255,
  /** Characters of an SQL dialect. */
  dialectChars: 64,
  /** Characters of a symlink's type. */
  symlinkTypeChars: 64,
  /** Characters of a column lineage transformation's type and subtype. */
  transformationTypeChars: 32,
  transformationSubtypeChars: 64,
} as const;

// PostgreSQL's timestamps reach further, but times travel to it as ISO
// 8601 text, which it reads for years 1 to 9999 only: `0000-…` (1 BC),
// `-000001-…` and `+010000-…` are refused.
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
const INT_MAX = 2 ** 31 - 1;

type Json = Record<string, any>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function maxBytes(value: unknown, path: string, max: number) {
  if (typeof value !== 'string' || value.length * 3 <= max) return;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > max) {
    reject(path, `is ${bytes} bytes long in UTF-8; at most ${max} are stored`);
  }
}

function maxChars(value: unknown, path: string, max: number) {
  // Surrogate pairs count as one character, as in a varchar column.
  if (typeof value !== 'string' || value.length <= max) return;
  const chars = [...value].length;
  if (chars > max) {
    reject(path, `is ${chars} characters long; at most ${max} are stored`);
  }
}

/** A count kept in a bigint column (or an integer one: `int32`). */
function storableCount(value: unknown, path: string, int32 = false) {
  if (typeof value !== 'number') return;
  if (!Number.isSafeInteger(value)) {
    reject(
      path,
      `must be a whole number between -(2^53 - 1) and 2^53 - 1, not ${value}`,
    );
  }
  if (int32 && (value < -INT_MAX - 1 || value > INT_MAX)) {
    reject(
      path,
      `must be a whole number between -${
        INT_MAX + 1
      } and ${INT_MAX}, not ${value}`,
    );
  }
}

/** Refuses a time PostgreSQL cannot store, whatever the database. */
export function checkTimestamp(value: string, path: string) {
  const time = Date.parse(value);
  if (time < EARLIEST || time > LATEST) {
    reject(
      path,
      'is out of range: times from 0001-01-01 to 9999-12-31 (UTC) are stored',
    );
  }
}

function identity(value: Json, path: string) {
  maxBytes(value.namespace, `${path}.namespace`, STORAGE_LIMITS.namespaceBytes);
  maxBytes(value.name, `${path}.name`, STORAGE_LIMITS.nameBytes);
}

function owners(facets: Json, path: string) {
  const list = facets.ownership?.owners;
  if (!Array.isArray(list)) return;
  list.forEach((owner, i) => {
    if (isObject(owner)) {
      maxChars(
        owner.name,
        `${path}.ownership.owners[${i}].name`,
        STORAGE_LIMITS.ownerChars,
      );
    }
  });
}

function each(
  list: unknown,
  path: string,
  check: (item: Json, path: string) => void,
) {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (isObject(item)) check(item, `${path}[${i}]`);
  });
}

function columnLineage(facet: unknown, path: string) {
  if (!isObject(facet)) return;
  const input = (item: Json, itemPath: string) => {
    identity(item, itemPath);
    maxBytes(item.field, `${itemPath}.field`, STORAGE_LIMITS.fieldBytes);
    each(item.transformations, `${itemPath}.transformations`, (t, tPath) => {
      maxChars(t.type, `${tPath}.type`, STORAGE_LIMITS.transformationTypeChars);
      maxChars(
        t.subtype,
        `${tPath}.subtype`,
        STORAGE_LIMITS.transformationSubtypeChars,
      );
    });
  };
  if (isObject(facet.fields)) {
    for (const [field, spec] of Object.entries(facet.fields)) {
      const fieldPath = childPath(`${path}.fields`, field);
      maxBytes(field, fieldPath, STORAGE_LIMITS.fieldBytes);
      if (isObject(spec))
        each(spec.inputFields, `${fieldPath}.inputFields`, input);
    }
  }
  each(facet.dataset, `${path}.dataset`, input);
}

/** The quality facets, wherever deriveFacts reads them from. */
function quality(facets: unknown, path: string) {
  if (!isObject(facets)) return;
  each(
    facets.dataQualityAssertions?.assertions,
    `${path}.dataQualityAssertions.assertions`,
    (a, aPath) => {
      maxBytes(
        a.assertion,
        `${aPath}.assertion`,
        STORAGE_LIMITS.assertionBytes,
      );
      maxBytes(a.column, `${aPath}.column`, STORAGE_LIMITS.assertionBytes);
    },
  );
  const metrics = facets.dataQualityMetrics;
  if (isObject(metrics)) {
    const at = `${path}.dataQualityMetrics`;
    storableCount(metrics.rowCount, `${at}.rowCount`);
    storableCount(metrics.bytes, `${at}.bytes`);
    storableCount(metrics.fileCount, `${at}.fileCount`, true);
  }
}

function dataset(
  d: OpenLineageDataset,
  path: string,
  output?: { nominal?: Json },
) {
  identity(d, path);
  const facets: Json = isObject(d.facets) ? d.facets : {};
  owners(facets, `${path}.facets`);
  each(
    facets.symlinks?.identifiers,
    `${path}.facets.symlinks.identifiers`,
    (alias, aliasPath) => {
      identity(alias, aliasPath);
      maxChars(
        alias.type,
        `${aliasPath}.type`,
        STORAGE_LIMITS.symlinkTypeChars,
      );
    },
  );
  columnLineage(facets.columnLineage, `${path}.facets.columnLineage`);
  quality(facets, `${path}.facets`);
  quality(d.inputFacets, `${path}.inputFacets`);
  if (!output) return;

  const stats = d.outputFacets?.outputStatistics;
  if (isObject(stats)) {
    const at = `${path}.outputFacets.outputStatistics`;
    storableCount(stats.rowCount, `${at}.rowCount`);
    storableCount(stats.size, `${at}.size`);
    storableCount(stats.fileCount, `${at}.fileCount`, true);
  }
  const keys = subsetPartitionKeys(d);
  for (const key of keys) {
    maxBytes(
      key,
      `${path}.outputFacets.subset`,
      STORAGE_LIMITS.partitionKeyBytes,
    );
  }
  if (!keys.length) {
    maxBytes(
      nominalPartitionKey(output.nominal),
      '$.run.facets.nominalTime',
      STORAGE_LIMITS.partitionKeyBytes,
    );
  }
}

/**
 * Refuses a value of a validated, normalized event that PostgreSQL could
 * not store where the derivation puts it (see {@link STORAGE_LIMITS}).
 * Walks the places `deriveFacts` reads; values it ignores are not checked.
 */
export function checkStorable(event: OpenLineageEvent, kind: EventKind) {
  if (kind === 'dataset') {
    dataset(event.dataset!, '$.dataset');
    return;
  }
  const job = event.job!;
  identity(job, '$.job');
  if (isObject(job.facets)) {
    owners(job.facets, '$.job.facets');
    maxChars(
      job.facets.sql?.dialect,
      '$.job.facets.sql.dialect',
      STORAGE_LIMITS.dialectChars,
    );
  }
  const runFacets: Json = isObject(event.run?.facets) ? event.run!.facets : {};
  if (event.run) {
    maxChars(event.run.runId, '$.run.runId', STORAGE_LIMITS.runIdChars);
    maxChars(
      runFacets.parent?.run?.runId,
      '$.run.facets.parent.run.runId',
      STORAGE_LIMITS.runIdChars,
    );
  }
  const nominal = isObject(runFacets.nominalTime)
    ? runFacets.nominalTime
    : undefined;
  (event.inputs ?? []).forEach((d, i) => dataset(d, `$.inputs[${i}]`));
  (event.outputs ?? []).forEach((d, i) =>
    dataset(d, `$.outputs[${i}]`, event.run ? { nominal } : undefined),
  );
}
