/**
 * How an owner an OpenLineage ownership facet names becomes a catalog
 * entity ref (README, Ownership). The rules, first match wins:
 *
 * 1. `declared`: the `spec.owner` of the team's declaration of the
 *    endpoint or workflow in its own catalog-info.yaml;
 * 2. `mapping`: `dataPlatform.owners.mapping` in config, raw owner text
 *    (case-insensitive) to an entity ref, so operators can override any
 *    rule below;
 * 3. `entity-ref`: a Group or User ref as it is (`group:default/x`,
 *    `group:x`, `user:ns/ada`), in lower case with the namespace filled in;
 * 4. `team`: `team:x` is `group:default/x`;
 * 5. `email`: an address is the catalog User whose `spec.profile.email` it
 *    is (case-insensitive), then that User's Group: the first of its
 *    `memberOf` groups in sorted order, or the User when it has none;
 * 6. anything else is unowned: no owner, a masked one (`***`, as Airflow
 *    sends secrets), or one no rule resolves.
 */
export type OwnerRule =
  | 'declared'
  | 'mapping'
  | 'entity-ref'
  | 'team'
  | 'email'
  | 'unowned';

/** Why an owner resolved to nothing. */
export type UnownedReason =
  | 'none'
  | 'masked'
  | 'unknown-email'
  | 'unrecognized';

export type OwnerResolution = { ref: string | null; rule: OwnerRule };

/** What resolution looks up besides the owner text. */
export type OwnerLookup = {
  /** The declared owner, when the team declared the item. */
  declared?: string;
  /** The mapping's and the catalog's ref for a lower-case owner text. */
  mapping(alias: string): string | undefined;
  email(alias: string): string | undefined;
};

export const UNOWNED: OwnerResolution = { ref: null, rule: 'unowned' };

const NAME = /^[a-z0-9]([-_.a-z0-9]{0,61}[a-z0-9])?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The owner text as resolution keys it: lower case, as the owner index
 * (`lower(owner)`) holds it, so that a changed fact finds its rows there.
 */
export function ownerAlias(owner: string): string {
  return owner.toLowerCase();
}

export function isMasked(owner: string | null | undefined): boolean {
  return !!owner && /^\*+$/.test(owner.trim());
}

export function isEmail(owner: string): boolean {
  return EMAIL.test(owner.trim());
}

/**
 * A Group or User ref in its full lower-case form, or undefined when the
 * text is not one (another kind, a bad name).
 */
export function normalizeOwnerRef(text: string): string | undefined {
  const match = /^(group|user):(?:([^:/]+)\/)?([^:/]+)$/.exec(
    text.trim().toLowerCase(),
  );
  if (!match) return undefined;
  const [, kind, namespace = 'default', name] = match;
  if (!NAME.test(name) || !NAME.test(namespace)) return undefined;
  return `${kind}:${namespace}/${name}`;
}

/** The rules that need nothing but the text: entity-ref and team. */
export function staticResolution(
  owner: string | null | undefined,
): OwnerResolution | undefined {
  if (!owner) return undefined;
  const team = /^team:([^:/]+)$/.exec(owner.trim().toLowerCase());
  if (team && NAME.test(team[1])) {
    return { ref: `group:default/${team[1]}`, rule: 'team' };
  }
  const ref = normalizeOwnerRef(owner);
  return ref ? { ref, rule: 'entity-ref' } : undefined;
}

/** Resolves an observed owner by the rules above. */
export function resolveOwner(
  owner: string | null | undefined,
  lookup: OwnerLookup,
): OwnerResolution {
  if (lookup.declared) return { ref: lookup.declared, rule: 'declared' };
  if (!owner || !owner.trim()) return UNOWNED;
  const alias = ownerAlias(owner);
  const mapped = lookup.mapping(alias);
  if (mapped) return { ref: mapped, rule: 'mapping' };
  if (isMasked(owner)) return UNOWNED;
  const resolved = staticResolution(owner);
  if (resolved) return resolved;
  if (isEmail(owner)) {
    const user = lookup.email(alias);
    if (user) return { ref: user, rule: 'email' };
  }
  return UNOWNED;
}

/** Why an item whose observed owner is this is unowned. */
export function unownedReason(owner: string | null | undefined): UnownedReason {
  if (!owner || !owner.trim()) return 'none';
  if (isMasked(owner)) return 'masked';
  if (isEmail(owner)) return 'unknown-email';
  return 'unrecognized';
}
