import { Rejection } from './rejection';
import { storableText } from '../database/storableText';
import { repairText } from './storableText';

describe('storableText', () => {
  it.each([
    ['NUL', 'a\u0000b', 'a\ufffdb', 1],
    ['a lone high surrogate', 'a\ud800', 'a\ufffd', 1],
    ['a lone low surrogate', '\udc00a', '\ufffda', 1],
    ['two surrogates in the wrong order', '\udc00\ud800', '\ufffd\ufffd', 2],
    ['a surrogate pair (an emoji)', 'a\ud83d\ude00b', 'a\ud83d\ude00b', 0],
    ['plain text', 'daily_plays', 'daily_plays', 0],
  ])('replaces %s', (_what, text, expected, replaced) => {
    expect(storableText(text)).toEqual({ text: expected, replaced });
  });
});

describe('repairText', () => {
  it('repairs keys and values at any depth, noting each with its path', () => {
    const event: any = {
      job: { name: 'a\u0000' },
      list: [{ 'k\ud800': ['\udc00'] }],
    };
    const notes: string[] = [];
    repairText(event, notes);
    expect(event).toEqual({
      job: { name: 'a\ufffd' },
      list: [{ 'k\ufffd': ['\ufffd'] }],
    });
    expect(notes.sort()).toEqual([
      '$.job.name had 1 character PostgreSQL cannot store (NUL or an unpaired surrogate); replaced with U+FFFD',
      '$.list[0]["k\\ud800"] (a key) had 1 character PostgreSQL cannot store (NUL or an unpaired surrogate); replaced with U+FFFD',
      '$.list[0]["k\\ud800"][0] had 1 character PostgreSQL cannot store (NUL or an unpaired surrogate); replaced with U+FFFD',
    ]);
  });

  it('keeps the order of keys and a key named __proto__ as a key', () => {
    const event = JSON.parse('{"a":1,"b\\u0000":2,"__proto__":3,"c":4}');
    repairText(event, []);
    expect(Object.keys(event)).toEqual(['a', 'b\ufffd', '__proto__', 'c']);
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  });

  it('rejects two keys that would become one', () => {
    expect(() => repairText({ x: { 'a\u0000': 1, 'a\ufffd': 2 } }, [])).toThrow(
      Rejection,
    );
  });

  it('rejects a number JSON could only read as Infinity', () => {
    const event = JSON.parse('{"facets":{"stats":[1, -1e999]}}');
    expect(() => repairText(event, [])).toThrow(
      expect.objectContaining({ jsonPath: '$.facets.stats[1]' }),
    );
  });

  it('notes the first twenty repairs and counts the rest', () => {
    const event = { list: Array.from({ length: 25 }, () => '\u0000') };
    const notes: string[] = [];
    repairText(event, notes);
    expect(notes).toHaveLength(21);
    expect(notes[20]).toBe(
      '5 more keys or strings had characters PostgreSQL cannot store replaced with U+FFFD',
    );
  });

  it('walks any depth without overflowing the stack', () => {
    let event: any = { leaf: '\u0000' };
    for (let i = 0; i < 100_000; i++) event = { n: event };
    const notes: string[] = [];
    repairText(event, notes);
    expect(notes).toHaveLength(1);
  });
});
