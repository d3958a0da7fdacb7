import { Knex } from 'knex';
import { likeEscaped } from '../database/cursors';

/**
 * Narrows a list to the owner the `owner` filter names, case-insensitively
 * as catalog entity refs compare.
 *
 * A full ref (`group:default/team-a`, `team:ads`, anything with a kind or a
 * namespace) matches that owner exactly. A bare name (`team-a`) is a team:
 * it matches the owners that name it, `team-a`, `team:team-a`,
 * `group:team-a` and `group:<any namespace>/team-a`, and nothing whose name
 * merely starts or ends with it.
 *
 * The owner migrations index `lower(owner)`: the exact candidates are
 * looked up in it; only a group in some namespace, a suffix, is not.
 */
export function whereOwnerMatches(query: Knex.QueryBuilder, owner: string) {
  const value = owner.toLowerCase();
  if (/[:/]/.test(value)) {
    query.whereRaw('lower(owner) = ?', [value]);
    return;
  }
  const exact = [value, `team:${value}`, `group:${value}`];
  query.where(q => {
    q.whereRaw(`lower(owner) in (${exact.map(() => '?').join(', ')})`, exact);
    q.orWhereRaw(`lower(owner) like ? escape '\\'`, [
      `group:%/${likeEscaped(value)}`,
    ]);
  });
}
