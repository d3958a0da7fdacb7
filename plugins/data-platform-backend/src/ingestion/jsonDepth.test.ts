import { stringifyToDepth, tooDeepAt } from './jsonDepth';

/** `levels` arrays, one inside the other. */
const nested = (levels: number) =>
  JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('tooDeepAt', () => {
  it('counts the value itself as level 1', () => {
    expect(tooDeepAt({}, 1)).toBeUndefined();
    expect(tooDeepAt({ a: {} }, 1)).toBe('$.a');
    expect(tooDeepAt('text', 0)).toBeUndefined();
    expect(tooDeepAt(nested(64), 64)).toBeUndefined();
    expect(tooDeepAt(nested(65), 64)).toBe(`$${'[0]'.repeat(64)}`);
  });

  it('names the first container too deep, keys quoted as JSON paths are', () => {
    const value = {
      shallow: [1, { fine: true }],
      'a b': [{ 'x/y~': [[]] }],
    };
    expect(tooDeepAt(value, 4)).toBe('$["a b"][0]["x/y~"][0]');
  });

  it('walks depths that would overflow the stack if it recursed', () => {
    expect(tooDeepAt({ x: nested(200_000) }, 64)).toBe(
      `$.x${'[0]'.repeat(63)}`,
    );
  });
});

describe('stringifyToDepth', () => {
  it('serializes down to the limit and says where it cut', () => {
    expect(stringifyToDepth({ a: [1, { b: {} }] }, 2)).toBe(
      '{"a":[1,"[nested deeper than 2 levels, cut]"]}',
    );
    expect(stringifyToDepth({ a: [1] }, 2)).toBe('{"a":[1]}');
    expect(JSON.parse(stringifyToDepth(nested(200_000), 3))).toEqual([
      [['[nested deeper than 3 levels, cut]']],
    ]);
  });
});
