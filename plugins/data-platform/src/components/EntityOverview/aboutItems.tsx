import {
  DeclaredMetadata,
  OwnerRule,
  UnownedReason,
} from '@data-platform/plugin-data-platform-common';
import Typography from '@mui/material/Typography';
import { OwnerText, TagChips } from '../ExplorerCells';
import { formatTimestamp } from '../format';
import { MetadataItem } from '../MetadataList';

/**
 * The rows an endpoint's and a workflow's About card open with: what it is,
 * whose it is, and its OpenLineage name.
 */
type Owned = {
  owner?: string;
  observedOwner?: string;
  ownerRule?: OwnerRule;
  unownedReason?: UnownedReason;
  declaration?: Pick<DeclaredMetadata, 'entityRef'>;
};

/** How the owner was resolved, subtly: where it comes from when not plain. */
export function ownerRuleNote(entity: Owned): string | undefined {
  switch (entity.ownerRule) {
    case 'declared':
      return entity.declaration
        ? `declared in ${entity.declaration.entityRef}`
        : 'declared';
    case 'mapping':
      return `mapped from ${entity.observedOwner}`;
    case 'email':
      return `from ${entity.observedOwner}`;
    case 'team':
      return `from ${entity.observedOwner}`;
    case 'unowned':
      return entity.observedOwner
        ? `events name ${entity.observedOwner}, which resolves to no one`
        : undefined;
    default:
      return undefined;
  }
}

function OwnerValue(props: { entity: Owned }) {
  const { entity } = props;
  const note = ownerRuleNote(entity);
  if (!entity.owner && !note) return null;
  return (
    <span>
      {entity.owner ? <OwnerText owner={entity.owner} /> : 'Unowned'}
      {note && (
        <Typography
          variant="caption"
          color="text.secondary"
          component="span"
          sx={{ ml: 1 }}
        >
          ({note})
        </Typography>
      )}
    </span>
  );
}

export function identityItems(
  entity: {
    description?: string;
    namespace: string;
    name: string;
  } & Owned,
): MetadataItem[] {
  return [
    {
      label: 'Description',
      value: entity.description && (
        <span style={{ whiteSpace: 'pre-line' }}>{entity.description}</span>
      ),
    },
    {
      label: 'Owner',
      value: (entity.owner || entity.observedOwner) && (
        <OwnerValue entity={entity} />
      ),
    },
    { label: 'Namespace', value: entity.namespace },
    { label: 'Name', value: entity.name },
  ];
}

export function tagsItem(tags: string[]): MetadataItem {
  return {
    label: 'Tags',
    value: tags.length > 0 && <TagChips tags={tags} />,
  };
}

/** The rows an About card closes with: when the service first and last heard of it. */
export function seenItems(entity: {
  createdAt: string;
  updatedAt: string;
}): MetadataItem[] {
  return [
    { label: 'First seen', value: formatTimestamp(entity.createdAt) },
    { label: 'Last updated', value: formatTimestamp(entity.updatedAt) },
  ];
}
