import { createHash } from 'node:crypto';

/**
 * The stable, URL-safe id of an endpoint or workflow: a hash of its
 * OpenLineage identity, so every instance of the service derives the same id
 * and no lookup is needed to mint one.
 */
export function entityId(
  kind: 'endpoint' | 'workflow',
  namespace: string,
  name: string,
): string {
  const digest = createHash('sha256')
    .update(`${kind}\u0000${namespace}\u0000${name}`)
    .digest('base64url')
    .slice(0, 22);
  return `${kind === 'endpoint' ? 'ep' : 'wf'}_${digest}`;
}
