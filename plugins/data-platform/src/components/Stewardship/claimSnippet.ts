import {
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
  UnownedReason,
} from '@data-platform/plugin-data-platform-common';

/** What the owner placeholder of a snippet says. */
export const OWNER_PLACEHOLDER = 'group:default/<your-team>';

/**
 * A catalog entity name for an OpenLineage name: the characters a name
 * may hold (letters, digits, `-`, `_`, `.`), the rest as `-`, at most 63
 * long, starting and ending with a letter or digit.
 */
export function entityName(name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9\-_.]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 63)
    .replace(/[^A-Za-z0-9]+$/, '');
  return slug || 'unnamed';
}

// A YAML double-quoted scalar is a JSON string.
const quoted = (text: string) => JSON.stringify(text);

/**
 * The catalog-info.yaml entity that declares an endpoint (an API of type
 * dataset) or a workflow (a Component of type data-pipeline), so that the
 * team whose repository it is in owns it: the metadata service reads the
 * declaration's owner before anything events say.
 */
export function claimSnippet(
  kind: 'endpoint' | 'workflow',
  item: { namespace: string; name: string; description?: string },
): string {
  const endpoint = kind === 'endpoint';
  const lines = [
    'apiVersion: backstage.io/v1alpha1',
    `kind: ${endpoint ? 'API' : 'Component'}`,
    'metadata:',
    `  name: ${entityName(item.name)}`,
    ...(item.description ? [`  description: ${quoted(item.description)}`] : []),
    '  annotations:',
    `    ${ANNOTATION_OPENLINEAGE_NAMESPACE}: ${quoted(item.namespace)}`,
    `    ${ANNOTATION_OPENLINEAGE_NAME}: ${quoted(item.name)}`,
    'spec:',
    `  type: ${endpoint ? 'dataset' : 'data-pipeline'}`,
    '  lifecycle: production',
    `  owner: ${OWNER_PLACEHOLDER}`,
    ...(endpoint
      ? [
          `  definition: ${quoted(
            `OpenLineage dataset ${item.namespace} ${item.name}`,
          )}`,
        ]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Why an item is unowned, in words. */
export function unownedReasonText(reason?: UnownedReason): string {
  switch (reason) {
    case 'none':
      return 'Events name no owner';
    case 'masked':
      return 'The owner is masked (***)';
    case 'unknown-email':
      return 'No catalog user has this e-mail';
    case 'unrecognized':
      return 'Not a group, user or team:<name>';
    default:
      return 'No owner resolved';
  }
}
