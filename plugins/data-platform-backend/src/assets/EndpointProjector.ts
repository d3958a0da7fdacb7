import { Knex } from 'knex';
import { bulkInsert } from '../database/bulkWrite';
import { parseJson, toDate } from '../database/conversions';
import { groupBy, mergeRows } from '../database/rowMerge';
import { ProjectionBatch, Projector } from '../eventlog/FactWriter';
import { EndpointFact, Facts } from '../openlineage/facts';
import { flattenFields } from '../openlineage/schemaFields';
import { BatchOwnerResolver } from '../ownership/OwnershipStore';
import {
  attributeValues,
  isLater,
  maxDate,
  mergeAttributes,
  minDate,
} from './merge';
import { identityColumns } from './rows';
import {
  attributeTimes,
  endpointColumns,
  loadAttributes,
} from './storedAttributes';

type Row = Record<string, any>;

/** What a batch saw of one schema version of one endpoint. */
type SchemaSighting = {
  endpointId: string;
  schema: NonNullable<EndpointFact['schema']>;
  first: { time: Date; key: string };
  last: Date;
};

// A null last sighting marks the current version (see applySchemaVersions).
const LAST_SEEN_MERGE =
  'CASE WHEN excluded.last_seen_at IS NULL OR schema_versions.last_seen_at IS NULL THEN excluded.last_seen_at WHEN excluded.last_seen_at > schema_versions.last_seen_at THEN excluded.last_seen_at ELSE schema_versions.last_seen_at END';

/**
 * Endpoints with their schema versions, their symlink aliases and the
 * partition that landed last. Endpoints are the rows the most
 * transactions want (every run that reads or writes one), so they come
 * last in the batch and their locks are held for the shortest time.
 */
export class EndpointProjector implements Projector {
  readonly tables = ['endpoints', 'endpoint_aliases', 'schema_versions'];

  async apply({ trx, facts }: ProjectionBatch): Promise<void> {
    await applyEndpoints(trx, facts);
  }
}

async function applyEndpoints(trx: Knex.Transaction, facts: Facts[]) {
  const entries = facts.flatMap(f =>
    f.endpoints.map(fact => ({
      fact,
      time: f.eventTime,
      runId: f.run?.runId,
    })),
  );
  if (entries.length === 0) return;
  const byId = groupBy(entries, e => e.fact.id);

  // Every distinct schema is a version; its first sighting is a minimum
  // and its last a maximum, so they merge in any order.
  const versions = new Map<string, SchemaSighting>();
  for (const { fact, time, runId } of entries) {
    if (!fact.schema) continue;
    const key = `${fact.id}\u0000${fact.schema.hash}`;
    const seen = versions.get(key);
    if (!seen) {
      versions.set(key, {
        endpointId: fact.id,
        schema: fact.schema,
        first: { time, key: runId ?? '' },
        last: time,
      });
      continue;
    }
    if (isLater(seen.first, { time, key: runId ?? '' })) {
      seen.first = { time, key: runId ?? '' };
    }
    seen.last = maxDate(seen.last, time)!;
  }

  const lastPartitions = new Map<string, { key: string; time: Date }>();
  for (const f of facts) {
    for (const p of f.partitions) {
      const candidate = { key: p.key, time: p.landedAt };
      const current = lastPartitions.get(p.endpointId);
      if (!current || isLater(candidate, current)) {
        lastPartitions.set(p.endpointId, candidate);
      }
    }
  }

  const owners = new BatchOwnerResolver(
    trx,
    'endpoint',
    [...byId.keys()],
    entries.flatMap(e => e.fact.attributes.owner ?? []),
  );
  const { written, found } = await mergeRows(
    trx,
    'endpoints',
    'id',
    [...byId.keys()],
    async (id, row) => {
      const list = byId.get(id)!;
      let attributes = loadAttributes(row, endpointColumns);
      let schema = row?.schema_hash
        ? { key: row.schema_hash as string, time: toDate(row.schema_time)! }
        : undefined;
      let createdAt = toDate(row?.created_at);
      let updatedAt = toDate(row?.updated_at);
      for (const { fact, time } of list) {
        attributes = mergeAttributes(attributes, fact.attributes, time);
        if (fact.schema) {
          const candidate = { key: fact.schema.hash, time };
          if (!schema || isLater(candidate, schema)) schema = candidate;
        }
        createdAt = minDate(createdAt, time);
        updatedAt = maxDate(updatedAt, time);
      }
      const values = attributeValues(attributes);
      const owner = await owners.resolve(id, values.owner, row);
      const next: Row = {
        ...identityColumns(id, list[0].fact, values),
        owner_ref: owner.ref,
        owner_rule: owner.rule,
        storage: values.storage ?? null,
        data_source: values.dataSource ?? null,
        attributes: attributeTimes(attributes),
        schema_hash: schema?.key ?? null,
        schema_time: schema?.time ?? null,
        field_count: row?.field_count ?? 0,
        field_names: row?.field_names ?? '',
        last_partition_key: row?.last_partition_key ?? null,
        last_partition_at: toDate(row?.last_partition_at) ?? null,
        created_at: createdAt,
        updated_at: updatedAt,
      };
      if (schema && schema.key !== row?.schema_hash) {
        const fields =
          versions.get(`${id}\u0000${schema.key}`)?.schema.fields ??
          parseJson(
            (
              await trx('schema_versions')
                .where({ endpoint_id: id, hash: schema.key })
                .first('fields')
            )?.fields,
            [],
          );
        const paths = [...flattenFields(fields).keys()];
        next.field_count = paths.length;
        next.field_names = paths.join(' ').toLowerCase();
      }
      const partition = lastPartitions.get(id);
      const current = next.last_partition_at
        ? { key: next.last_partition_key, time: next.last_partition_at }
        : undefined;
      if (partition && (!current || isLater(partition, current))) {
        next.last_partition_key = partition.key;
        next.last_partition_at = partition.time;
      }
      return next;
    },
  );
  await applySchemaVersions(trx, versions, found, written);

  const aliases = new Map<string, Row>();
  for (const { fact } of entries) {
    for (const alias of fact.aliases) {
      aliases.set(`${alias.namespace}\u0000${alias.name}`, {
        namespace: alias.namespace,
        name: alias.name,
        endpoint_id: fact.id,
        type: alias.type ?? null,
      });
    }
  }
  await bulkInsert(trx, 'endpoint_aliases', [...aliases.values()], {
    onConflict: {
      keys: ['namespace', 'name'],
      update: ['endpoint_id', 'type'],
    },
  });
}

/**
 * Writes what a batch saw of schema versions. The last sighting of the
 * current version is the endpoint's `schema_time`, which moves with every
 * event; the version's own `last_seen_at` is null while it is current and
 * is set once it is superseded. So the version an endpoint keeps sending,
 * by far the common case, costs no write, and the rows still come out the
 * same whatever order events arrive in.
 */
async function applySchemaVersions(
  trx: Knex.Transaction,
  versions: Map<string, SchemaSighting>,
  found: Map<string, Row>,
  written: Map<string, Row>,
) {
  // The version each endpoint had before this batch, and since when.
  const previous = (id: string) => ({
    hash: found.get(id)?.schema_hash as string | undefined,
    time: toDate(found.get(id)?.schema_time),
  });
  const rows: Row[] = [];
  for (const seen of versions.values()) {
    const was = previous(seen.endpointId);
    const isCurrent =
      written.get(seen.endpointId)!.schema_hash === seen.schema.hash;
    const wasCurrent = was.hash === seen.schema.hash;
    // Still current and seen no earlier than before: nothing to record.
    if (
      isCurrent &&
      wasCurrent &&
      seen.first.time.getTime() > was.time!.getTime()
    ) {
      continue;
    }
    let lastSeen: Date | null = null;
    if (!isCurrent) {
      lastSeen = wasCurrent ? maxDate(seen.last, was.time)! : seen.last;
    }
    rows.push({
      endpoint_id: seen.endpointId,
      hash: seen.schema.hash,
      fields: seen.schema.fields,
      field_count: flattenFields(seen.schema.fields).size,
      first_seen_at: seen.first.time,
      first_run_id: seen.first.key || null,
      last_seen_at: lastSeen,
    });
  }
  await bulkInsert(trx, 'schema_versions', rows, {
    onConflict: {
      keys: ['endpoint_id', 'hash'],
      update: [],
      set: {
        first_run_id:
          'CASE WHEN excluded.first_seen_at < schema_versions.first_seen_at THEN excluded.first_run_id ELSE schema_versions.first_run_id END',
        first_seen_at:
          'CASE WHEN excluded.first_seen_at < schema_versions.first_seen_at THEN excluded.first_seen_at ELSE schema_versions.first_seen_at END',
        last_seen_at: LAST_SEEN_MERGE,
      },
    },
  });
  // A version superseded by one this batch did not also mention.
  for (const [id, row] of written) {
    const was = previous(id);
    const now = row.schema_hash;
    if (!was.hash || was.hash === now) continue;
    if (versions.has(`${id}\u0000${was.hash}`)) continue;
    await trx('schema_versions')
      .where({ endpoint_id: id, hash: was.hash })
      .update({
        last_seen_at: trx.raw(
          'CASE WHEN last_seen_at IS NULL OR last_seen_at < ? THEN ? ELSE last_seen_at END',
          [was.time!, was.time!],
        ),
      });
  }
}
