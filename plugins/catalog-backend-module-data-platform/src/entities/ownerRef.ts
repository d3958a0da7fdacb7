import {
  CompoundEntityRef,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The `spec.owner` of an entity whose OpenLineage owner cannot be read as
 * a Group or User: the catalog resolves it as `group:default/unknown`.
 */
export const UNKNOWN_OWNER = 'unknown';

const OWNER_KINDS = new Set(['group', 'user']);

/**
 * The catalog owner of an endpoint or workflow: the owner the metadata
 * service resolved (a full ref), kept when it is a Group or User. It also
 * reads the spellings an ownership facet uses, an entity ref of a Group or User
 * (`group:default/listening`, `group:listening`, `user:default/ada`) as it
 * is, `team:<name>` as the Group `group:default/<name>`; anything else
 * (no owner, a bare name, an email address) is {@link UNKNOWN_OWNER}.
 */
export function ownerRef(owner: string | undefined): string {
  if (!owner) return UNKNOWN_OWNER;
  const team = /^team:(.+)$/i.exec(owner);
  const ref = team
    ? { kind: 'group', namespace: 'default', name: team[1] }
    : parseOwner(owner);
  return ref && isOwner(ref) ? stringifyEntityRef(ref) : UNKNOWN_OWNER;
}

function parseOwner(owner: string): CompoundEntityRef | undefined {
  try {
    // Without a default kind, text without `kind:` is refused.
    return parseEntityRef(owner);
  } catch {
    return undefined;
  }
}

function isOwner(ref: CompoundEntityRef): boolean {
  return (
    OWNER_KINDS.has(ref.kind.toLocaleLowerCase('en-US')) &&
    KubernetesValidatorFunctions.isValidNamespace(ref.namespace) &&
    KubernetesValidatorFunctions.isValidObjectName(ref.name)
  );
}
