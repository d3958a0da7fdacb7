import { Knex } from 'knex';
import { likeEscaped } from '../database/cursors';
import { normalizeOwnerRef } from '../ownership/ownerRules';

/**
 * Narrows a list to the resolved owner (`owner_ref`, README, Ownership)
 * the `owner` filter names, case-insensitively as catalog entity refs
 * compare. Resolved refs are stored in their full lower-case form.
 *
 * A ref (`group:default/team-a`, `group:team-a`, `user:default/ada`) or a
 * team (`team:team-a`, which resolves to `group:default/team-a`) matches
 * that owner. A bare name (`team-a`) is a team in any namespace: it
 * matches `group:<any namespace>/team-a`, and nothing whose name merely
 * starts or ends with it.
 */
export function whereOwnerMatches(query: Knex.QueryBuilder, owner: string) {
  const value = owner.trim().toLowerCase();
  if (/[:/]/.test(value)) {
    const team = /^team:([^:/]+)$/.exec(value);
    const text = team ? `group:default/${team[1]}` : value;
    const ref = normalizeOwnerRef(text.includes(':') ? text : `group:${text}`);
    query.where('owner_ref', ref ?? text);
    return;
  }
  query.where(q => {
    q.where('owner_ref', `group:default/${value}`);
    q.orWhereRaw(`owner_ref like ? escape '\\'`, [
      `group:%/${likeEscaped(value)}`,
    ]);
  });
}

/** Narrows a list to the unowned items, or to the owned ones. */
export function whereUnowned(query: Knex.QueryBuilder, unowned: boolean) {
  if (unowned) query.whereNull('owner_ref');
  else query.whereNotNull('owner_ref');
}
