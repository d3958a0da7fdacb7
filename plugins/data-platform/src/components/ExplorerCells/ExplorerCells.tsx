import { parseEntityRef } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  EndpointSummary,
  WorkflowSummary,
} from '@data-platform/plugin-data-platform-common';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  formatOwner,
  formatRelativeTime,
  formatTimestamp,
  MISSING,
  runTime,
} from '../format';
import { PartitionKey } from '../PartitionKey';
import { RunStateChip } from '../RunStateChip';

/** A name with its description below, clipped to two lines. */
export function NameCell(props: { link: JSX.Element; description?: string }) {
  return (
    <Stack spacing={0.25}>
      <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
        {props.link}
      </Typography>
      {props.description && (
        <Typography
          variant="caption"
          color="text.secondary"
          title={props.description}
          sx={{
            display: '-webkit-box',
            WebkitLineClamp: 2,
            WebkitBoxOrient: 'vertical',
            overflow: 'hidden',
          }}
        >
          {props.description}
        </Typography>
      )}
    </Stack>
  );
}

/** Tags as chips; choosing one filters the list by it. */
export function TagChips(props: {
  tags: string[];
  onSelect?: (tag: string) => void;
}) {
  if (props.tags.length === 0) {
    return <>{MISSING}</>;
  }
  return (
    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
      {props.tags.map(tag => (
        <Chip
          key={tag}
          label={tag}
          size="small"
          onClick={props.onSelect ? () => props.onSelect!(tag) : undefined}
          aria-label={props.onSelect ? `Filter by tag ${tag}` : undefined}
        />
      ))}
    </Stack>
  );
}

/**
 * The catalog entity an owner names, when it names a Group or a User
 * (`group:default/team-a`, `user:alice`); other owners (`team:data`, an
 * e-mail address) have no page to link to.
 */
export function ownerEntityRef(owner?: string) {
  if (!owner || !/^(group|user):/i.test(owner)) return undefined;
  try {
    return parseEntityRef(owner, { defaultNamespace: 'default' });
  } catch {
    return undefined;
  }
}

/**
 * An owner, shortened, with the full reference on hover: a link to its
 * catalog page when it is a Group or a User, so an owner is the team the
 * catalog knows and not a second list to keep in sync.
 */
export function OwnerText(props: { owner?: string }) {
  const text = <span title={props.owner}>{formatOwner(props.owner)}</span>;
  const ref = ownerEntityRef(props.owner);
  return ref ? <EntityRefLink entityRef={ref}>{text}</EntityRefLink> : text;
}

/** When an endpoint's last partition landed, with its key below. */
export function LastPartitionCell(props: {
  lastPartition: EndpointSummary['lastPartition'];
}) {
  const { lastPartition } = props;
  if (!lastPartition) {
    return <>{MISSING}</>;
  }
  return (
    <Stack spacing={0.25}>
      <span title={formatTimestamp(lastPartition.landedAt)}>
        {formatRelativeTime(lastPartition.landedAt)}
      </span>
      <Typography variant="caption" color="text.secondary">
        <PartitionKey partitionKey={lastPartition.key} />
      </Typography>
    </Stack>
  );
}

/** How a workflow's latest run went, and when. */
export function LatestRunCell(props: {
  latestRun: WorkflowSummary['latestRun'];
}) {
  const { latestRun } = props;
  if (!latestRun) {
    return <>{MISSING}</>;
  }
  const when = runTime(latestRun);
  return (
    <Stack spacing={0.5} alignItems="flex-start">
      <RunStateChip state={latestRun.state} />
      <Typography
        variant="caption"
        color="text.secondary"
        title={formatTimestamp(when)}
      >
        {formatRelativeTime(when)}
      </Typography>
    </Stack>
  );
}

/**
 * The columns an item's identity takes first in a list: its name (linked,
 * with its description) and its namespace.
 */
export function identityColumns<T extends { name: string; namespace: string }>(
  link: (row: T) => JSX.Element,
  nameWidth: string = '40%',
): TableColumn<T>[] {
  return [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      width: nameWidth,
      render: row => <NameCell link={link(row)} />,
    },
    { title: 'Namespace', field: 'namespace' },
  ];
}
