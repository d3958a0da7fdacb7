import { DeclaredMetadata } from '@data-platform/plugin-data-platform-common';
import { StoredDeclaration } from './OwnershipStore';

/** A stored declaration as the API shows it on an endpoint or workflow. */
export function declarationView(stored: StoredDeclaration): DeclaredMetadata {
  const d = stored.declaration;
  const cadence = d.partitions?.cadence;
  const view: DeclaredMetadata = {
    entityRef: stored.entityRef,
    owner: d.owner,
    lifecycle: d.lifecycle,
    system: d.system,
    title: d.title,
    description: d.description,
    partitions: d.partitions && {
      cadence:
        cadence &&
        (cadence.kind === 'cron' ? cadence.expression : cadence.kind),
      expectedBy: d.partitions.expectedBy,
      expectedBySeconds: d.partitions.expectedBySeconds,
    },
    retention: d.retention,
    retentionSeconds: d.retentionSeconds,
    classification: d.classification,
    tier: d.tier,
    maxRunDuration: d.maxRunDuration,
    maxRunDurationSeconds: d.maxRunDurationSeconds,
    problems: stored.problems,
  };
  // Only what the team declared: no undefined keys in the answer.
  return JSON.parse(JSON.stringify(view));
}
