import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Content, EmptyState } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { TeamEndpoints, TeamWorkflows } from './TeamOwnedLists';

/**
 * The owners whose data an entity's page lists: a Group's own ref, or the
 * groups a User is a member of, as the full refs the service's owner
 * filter matches.
 */
export function teamOwnerRefs(entity: Entity): string[] {
  if (entity.kind.toLocaleLowerCase('en-US') === 'user') {
    const groups = (entity.relations ?? [])
      .filter(relation => relation.type === RELATION_MEMBER_OF)
      .map(relation => relation.targetRef);
    return [...new Set(groups)].sort();
  }
  return [stringifyEntityRef(entity)];
}

function TeamSection(props: { owner: string; heading: boolean }) {
  const { owner, heading } = props;
  return (
    <Stack spacing={3} component="section" aria-label={owner}>
      {heading && (
        <Typography variant="h5" component="h2">
          <EntityRefLink entityRef={parseEntityRef(owner)} />
        </Typography>
      )}
      <TeamEndpoints owner={owner} />
      <TeamWorkflows owner={owner} />
    </Stack>
  );
}

/**
 * The Data tab of a catalog Group or User: the endpoints and workflows the
 * team owns, or for a User each of their groups in turn, with how fresh
 * each one is.
 */
export function TeamDataContent() {
  const { entity } = useEntity();
  const owners = teamOwnerRefs(entity);
  const isUser = entity.kind.toLocaleLowerCase('en-US') === 'user';

  if (owners.length === 0) {
    return (
      <Content>
        <EmptyState
          missing="data"
          title="Not a member of any group"
          description="Data is owned by groups. Once this user joins a group in the catalog, the endpoints and workflows it owns appear here."
        />
      </Content>
    );
  }
  return (
    <Content>
      <Stack spacing={5}>
        {owners.map(owner => (
          <TeamSection key={owner} owner={owner} heading={isUser} />
        ))}
      </Stack>
    </Content>
  );
}
