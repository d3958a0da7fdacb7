import { OwnerText, TagChips } from '../ExplorerCells';
import { formatTimestamp } from '../format';
import { MetadataItem } from '../MetadataList';

/**
 * The rows an endpoint's and a workflow's About card open with: what it is,
 * whose it is, and its OpenLineage name.
 */
export function identityItems(entity: {
  description?: string;
  owner?: string;
  namespace: string;
  name: string;
}): MetadataItem[] {
  return [
    {
      label: 'Description',
      value: entity.description && (
        <span style={{ whiteSpace: 'pre-line' }}>{entity.description}</span>
      ),
    },
    {
      label: 'Owner',
      value: entity.owner && <OwnerText owner={entity.owner} />,
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
