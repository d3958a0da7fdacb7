import { ownerRef } from './ownerRef';

describe('ownerRef', () => {
  it.each([
    ['group:default/listening', 'group:default/listening'],
    ['group:listening', 'group:default/listening'],
    // The catalog compares refs case-insensitively; stringified, they are lowercase.
    ['Group:ops/Listening', 'group:ops/listening'],
    ['user:default/ada', 'user:default/ada'],
    ['team:listening', 'group:default/listening'],
    ['TEAM:listening', 'group:default/listening'],
  ])('reads %p as %p', (owner, expected) => {
    expect(ownerRef(owner)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['listening'],
    ['ada@example.com'],
    ['mailto:ada@example.com'],
    ['component:default/app'],
    ['team:'],
    ['team:not a name'],
    ['group:default/not a name'],
  ])('falls back to unknown for %p', owner => {
    expect(ownerRef(owner)).toBe('unknown');
  });
});
