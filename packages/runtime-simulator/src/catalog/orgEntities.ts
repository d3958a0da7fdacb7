import { Entity } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { Platform } from '../model/types';

/** The Group that the simulated teams belong to. */
export const SIMULATED_ORG = 'simulated-data-org';

/**
 * The platform's teams as catalog Groups under one parent Group, and their
 * members as Users, so that `group:default/<team>` in the ownership facets
 * resolves to an entity.
 */
export function orgEntities(platform: Platform): Entity[] {
  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: SIMULATED_ORG,
        title: 'Simulated data org',
        description:
          'The teams of the simulated data platform (runtime simulator).',
      },
      spec: {
        type: 'org',
        children: platform.teams.map(t => t.name),
      },
    },
  ];
  for (const team of platform.teams) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: team.name,
        title: team.displayName,
        description: team.description,
      },
      spec: {
        type: 'team',
        parent: SIMULATED_ORG,
        children: [],
        profile: { displayName: team.displayName },
      },
    });
    for (const person of team.members) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: person.name },
        spec: {
          profile: { displayName: person.displayName, email: person.email },
          memberOf: [team.name],
        },
      });
    }
  }
  return entities;
}

/** The entities as a multi-document YAML file for a catalog location. */
export function orgYaml(platform: Platform): string {
  return orgEntities(platform)
    .map(entity => `---\n${stringify(entity)}`)
    .join('');
}
