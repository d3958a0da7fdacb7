import {
  OwnerLookup,
  resolveOwner,
  staticResolution,
  unownedReason,
} from './ownerRules';

const catalog: OwnerLookup = {
  mapping: alias =>
    ({
      'ads-oncall': 'group:default/ads',
      'group:default/legacy': 'group:default/platform',
    }[alias]),
  email: alias => ({ 'ada@example.com': 'group:default/measurement' }[alias]),
};

describe('resolveOwner', () => {
  it.each([
    ['group:default/ads', 'group:default/ads'],
    ['Group:Marketing/Ads', 'group:marketing/ads'],
    ['group:ads', 'group:default/ads'],
    ['user:default/ada', 'user:default/ada'],
  ])('entity-ref: %s is %s', (owner, ref) =>
    expect(resolveOwner(owner, catalog)).toEqual({ ref, rule: 'entity-ref' }),
  );

  it('team: team:x is group:default/x', () => {
    expect(resolveOwner('team:Ads-Measurement', catalog)).toEqual({
      ref: 'group:default/ads-measurement',
      rule: 'team',
    });
  });

  it('email: an address is its User, then the Group the catalog gave', () => {
    expect(resolveOwner('Ada@Example.com', catalog)).toEqual({
      ref: 'group:default/measurement',
      rule: 'email',
    });
  });

  it('mapping: config maps any text, before the other rules', () => {
    expect(resolveOwner('ADS-ONCALL', catalog)).toEqual({
      ref: 'group:default/ads',
      rule: 'mapping',
    });
    expect(resolveOwner('group:default/legacy', catalog)).toEqual({
      ref: 'group:default/platform',
      rule: 'mapping',
    });
  });

  it('declared: a declaration wins over every rule', () => {
    expect(
      resolveOwner('ads-oncall', { ...catalog, declared: 'group:x/owners' }),
    ).toEqual({ ref: 'group:x/owners', rule: 'declared' });
    expect(
      resolveOwner(undefined, { ...catalog, declared: 'group:x/owners' }),
    ).toEqual({ ref: 'group:x/owners', rule: 'declared' });
  });

  it.each([
    [undefined, 'none'],
    ['', 'none'],
    ['  ', 'none'],
    ['***', 'masked'],
    ['*', 'masked'],
    ['nobody@example.com', 'unknown-email'],
    ['ads-measurement', 'unrecognized'],
    ['component:default/x', 'unrecognized'],
    ['group:default/Not A Name', 'unrecognized'],
    ['=HYPERLINK("x")', 'unrecognized'],
  ])('unowned: %p (%s)', (owner, reason) => {
    expect(resolveOwner(owner, catalog)).toEqual({
      ref: null,
      rule: 'unowned',
    });
    expect(unownedReason(owner)).toBe(reason);
  });

  it('reads entity refs and teams without a catalog', () => {
    expect(staticResolution('team:x')).toEqual({
      ref: 'group:default/x',
      rule: 'team',
    });
    expect(staticResolution('ada@example.com')).toBeUndefined();
  });
});
