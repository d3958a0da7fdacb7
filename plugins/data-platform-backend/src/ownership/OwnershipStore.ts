import { DataPlatformDeclaration } from '@data-platform/plugin-data-platform-common';
import { Knex } from 'knex';
import { bulkInsert, selectForUpdate } from '../database/bulkWrite';
import { parseJson } from '../database/conversions';
import { OwnerResolution, ownerAlias, resolveOwner } from './ownerRules';

type Row = Record<string, any>;
type Db = Knex | Knex.Transaction;

/** The tables whose rows carry a resolved owner. */
export type OwnedKind = 'endpoint' | 'workflow';
const TABLES: Record<OwnedKind, 'endpoints' | 'workflows'> = {
  endpoint: 'endpoints',
  workflow: 'workflows',
};

/** Where an owner text resolves besides the rules on the text alone. */
export type DirectorySource = 'mapping' | 'email';

/** A team's declaration as stored. */
export type StoredDeclaration = {
  entityRef: string;
  declaration: DataPlatformDeclaration;
  problems: { path: string; message: string }[];
};

/** A declaration as the catalog reader hands it over. */
export type DeclarationRow = {
  entity_ref: string;
  kind: OwnedKind;
  namespace: string;
  name: string;
  target_id: string;
  owner_ref: string | null;
  declaration: string;
  problems: string;
  hash: string;
};

// Bound parameters per IN list, well under both databases' limits.
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

/**
 * The facts owner resolution reads (README, Ownership): the mapping and
 * the catalog's users by e-mail (`owner_directory`), the teams'
 * declarations (`declarations`), and the resolved owners they give
 * endpoints and workflows (`owner_ref`, `owner_rule`). A change of a fact
 * re-resolves only the rows it covers: those whose `lower(owner)` is the
 * changed text (the owner index), or the declared item.
 */

/**
 * A resolver for the rows of one projector batch. It reads what the
 * batch's owners and ids need in two queries, once, when first asked,
 * which is after the projector has locked the rows: a concurrent change of
 * the facts either committed before (and is read) or re-resolves the
 * rows after this batch commits.
 */
export class BatchOwnerResolver {
  private lookup?: Promise<{
    declared: Map<string, string>;
    directory: Map<string, string>;
  }>;

  constructor(
    private readonly db: Db,
    private readonly kind: OwnedKind,
    private readonly ids: string[],
    private readonly owners: string[],
  ) {}

  /**
   * The resolution of a row whose merged raw owner is `owner`; a stored
   * row whose owner did not change keeps its resolution, which every fact
   * change has kept current.
   */
  async resolve(
    id: string,
    owner: string | null | undefined,
    stored: Row | undefined,
  ): Promise<OwnerResolution> {
    if (stored && (stored.owner ?? null) === (owner ?? null)) {
      return { ref: stored.owner_ref ?? null, rule: stored.owner_rule };
    }
    this.lookup ??= loadLookup(this.db, this.kind, this.ids, this.owners);
    const { declared, directory } = await this.lookup;
    return resolveOwner(owner, {
      declared: declared.get(id),
      mapping: alias => directory.get(`mapping\u0000${alias}`),
      email: alias => directory.get(`email\u0000${alias}`),
    });
  }
}

async function loadLookup(
  db: Db,
  kind: OwnedKind,
  ids: string[],
  owners: string[],
) {
  const declared = new Map<string, string>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await db('declarations')
      .where({ kind })
      .whereIn('target_id', chunk)
      .whereNotNull('owner_ref')
      .orderBy('entity_ref')
      .select('target_id', 'owner_ref');
    // Two entities declaring one item: the first ref wins, on every replica.
    for (const row of rows) {
      if (!declared.has(row.target_id)) {
        declared.set(row.target_id, row.owner_ref);
      }
    }
  }
  const directory = new Map<string, string>();
  const aliases = [
    ...new Set(owners.filter(o => o && o.trim()).map(ownerAlias)),
  ];
  for (const chunk of chunks(aliases)) {
    for (const row of await db('owner_directory')
      .whereIn('alias', chunk)
      .select('source', 'alias', 'ref')) {
      directory.set(`${row.source}\u0000${row.alias}`, row.ref);
    }
  }
  return { declared, directory };
}

/** Re-resolves rows after the facts changed: by owner text, or by id. */
async function reresolve(
  trx: Knex.Transaction,
  kind: OwnedKind,
  scope: { aliases?: string[]; ids?: string[] },
): Promise<number> {
  const table = TABLES[kind];
  const ids = new Set<string>(scope.ids ?? []);
  for (const chunk of chunks(scope.aliases ?? [])) {
    const rows = await trx(table)
      .whereRaw(`lower(owner) in (${chunk.map(() => '?').join(', ')})`, chunk)
      .select('id');
    for (const row of rows) ids.add(row.id);
  }
  if (ids.size === 0) return 0;
  // Locked in id order, as projectors lock them.
  const rows = await selectForUpdate(trx, table, 'id', [...ids].sort());
  const resolver = new BatchOwnerResolver(
    trx,
    kind,
    rows.map(r => r.id),
    rows.map(r => r.owner).filter(Boolean),
  );
  const changes = new Map<string, string[]>();
  for (const row of rows) {
    const next = await resolver.resolve(row.id, row.owner, undefined);
    if ((row.owner_ref ?? null) === next.ref && row.owner_rule === next.rule) {
      continue;
    }
    const key = JSON.stringify([next.ref, next.rule]);
    changes.set(key, [...(changes.get(key) ?? []), row.id]);
  }
  let changed = 0;
  for (const [key, changedIds] of changes) {
    const [ref, rule] = JSON.parse(key);
    for (const chunk of chunks(changedIds)) {
      await trx(table)
        .whereIn('id', chunk)
        .update({ owner_ref: ref, owner_rule: rule });
      changed += chunk.length;
    }
  }
  return changed;
}

/** What one sync changed. */
export type SyncResult = { changed: number; reresolved: number };

export class OwnershipStore {
  constructor(private readonly db: Knex) {}

  /**
   * Replaces one source's entries of the directory with `entries` (lower
   * case owner text → entity ref) and re-resolves the rows whose owner is
   * an entry that was added, removed or changed.
   */
  async syncDirectory(
    source: DirectorySource,
    entries: Map<string, string>,
  ): Promise<SyncResult> {
    return await this.db.transaction(async trx => {
      const existing = new Map<string, string>(
        (
          await trx('owner_directory').where({ source }).select('alias', 'ref')
        ).map(r => [r.alias, r.ref]),
      );
      const removed = [...existing.keys()].filter(a => !entries.has(a));
      const upserts = [...entries]
        .filter(([alias, ref]) => existing.get(alias) !== ref)
        .map(([alias, ref]) => ({ source, alias, ref }));
      for (const chunk of chunks(removed)) {
        await trx('owner_directory')
          .where({ source })
          .whereIn('alias', chunk)
          .delete();
      }
      await bulkInsert(trx, 'owner_directory', upserts, {
        onConflict: { keys: ['source', 'alias'], update: ['ref'] },
      });
      const aliases = [...removed, ...upserts.map(u => u.alias)].sort();
      let reresolved = 0;
      for (const kind of ['workflow', 'endpoint'] as const) {
        reresolved += await reresolve(trx, kind, { aliases });
      }
      return { changed: aliases.length, reresolved };
    });
  }

  /**
   * Makes the stored declarations the given ones: a new or changed one
   * (by hash) is written, one whose entity is gone removed, and the items
   * they declare (before and after) re-resolved.
   */
  async syncDeclarations(rows: DeclarationRow[]): Promise<SyncResult> {
    return await this.db.transaction(async trx => {
      const existing = new Map<string, Row>(
        (
          await trx('declarations').select(
            'entity_ref',
            'hash',
            'kind',
            'target_id',
          )
        ).map(r => [r.entity_ref, r]),
      );
      const incoming = new Map(rows.map(r => [r.entity_ref, r]));
      const affected = {
        endpoint: new Set<string>(),
        workflow: new Set<string>(),
      };
      const removed = [...existing.values()].filter(
        r => !incoming.has(r.entity_ref),
      );
      const changed = rows.filter(
        r => existing.get(r.entity_ref)?.hash !== r.hash,
      );
      for (const r of [...removed, ...changed]) {
        const was = existing.get(r.entity_ref);
        if (was) affected[was.kind as OwnedKind].add(was.target_id);
      }
      for (const r of changed) affected[r.kind].add(r.target_id);
      for (const chunk of chunks(removed.map(r => r.entity_ref))) {
        await trx('declarations').whereIn('entity_ref', chunk).delete();
      }
      const now = new Date();
      await bulkInsert(
        trx,
        'declarations',
        changed.map(r => ({ ...r, updated_at: now })),
        { onConflict: { keys: ['entity_ref'] } },
      );
      let reresolved = 0;
      for (const kind of ['workflow', 'endpoint'] as const) {
        reresolved += await reresolve(trx, kind, {
          ids: [...affected[kind]],
        });
      }
      return { changed: removed.length + changed.length, reresolved };
    });
  }

  /** The declaration of an item, if a team declared it (the first ref wins). */
  async getDeclaration(
    kind: OwnedKind,
    id: string,
  ): Promise<StoredDeclaration | undefined> {
    return (await this.getDeclarations(kind, [id])).get(id);
  }

  /** The declarations of items, by item id. */
  async getDeclarations(
    kind: OwnedKind,
    ids: string[],
  ): Promise<Map<string, StoredDeclaration>> {
    const result = new Map<string, StoredDeclaration>();
    for (const chunk of chunks(ids)) {
      const rows = await this.db('declarations')
        .where({ kind })
        .whereIn('target_id', chunk)
        .orderBy('entity_ref')
        .select('target_id', 'entity_ref', 'declaration', 'problems');
      for (const row of rows) {
        if (result.has(row.target_id)) continue;
        result.set(row.target_id, {
          entityRef: row.entity_ref,
          declaration: parseJson(
            row.declaration,
            {} as DataPlatformDeclaration,
          ),
          problems: parseJson(row.problems, []),
        });
      }
    }
    return result;
  }
}
