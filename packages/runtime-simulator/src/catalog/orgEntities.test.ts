import {
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  FieldFormatEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { generatePlatform } from '../model/generatePlatform';
import { ownerRef } from '../openlineage/runEvents';
import { orgEntities, orgYaml } from './orgEntities';

describe('orgEntities', () => {
  const platform = generatePlatform({ seed: 4 });
  const entities = orgEntities(platform);

  it('are valid catalog Groups and Users', async () => {
    const policy = new FieldFormatEntityPolicy();
    for (const entity of entities) {
      await expect(policy.enforce(entity)).resolves.toBe(entity);
      const validator =
        entity.kind === 'Group'
          ? groupEntityV1alpha1Validator
          : userEntityV1alpha1Validator;
      await expect(validator.check(entity)).resolves.toBe(true);
    }
  });

  it('has a Group for every owner the events name', () => {
    const groups = new Set(
      entities.filter(e => e.kind === 'Group').map(e => stringifyEntityRef(e)),
    );
    for (const owned of [...platform.endpoints, ...platform.workflows]) {
      expect(groups.has(ownerRef(owned.owner))).toBe(true);
    }
    expect(entities.filter(e => e.kind === 'User').length).toBeGreaterThan(
      platform.teams.length,
    );
  });

  it('writes the same entities as YAML documents', () => {
    const documents = parseAllDocuments(orgYaml(platform));
    expect(documents.map(d => d.toJS())).toEqual(entities);
  });
});
