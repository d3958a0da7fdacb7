import { ownerEntityRef } from './ExplorerCells';

describe('ownerEntityRef', () => {
  it('names the catalog Group or User an owner is', () => {
    expect(ownerEntityRef('group:default/team-a')).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'team-a',
    });
    expect(ownerEntityRef('user:alice')).toEqual({
      kind: 'user',
      namespace: 'default',
      name: 'alice',
    });
  });

  it('leaves owners that are not catalog entities as text', () => {
    expect(ownerEntityRef(undefined)).toBeUndefined();
    expect(ownerEntityRef('team:data')).toBeUndefined();
    expect(ownerEntityRef('alice@example.com')).toBeUndefined();
    expect(ownerEntityRef('group:')).toBeUndefined();
  });
});
