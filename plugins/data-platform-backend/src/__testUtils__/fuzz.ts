import fc from 'fast-check';

/**
 * Shared settings of the fuzz suites: a fixed seed, so a failure replays
 * the same way on every machine, and a bounded number of runs.
 */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  return { seed: 20261203, numRuns };
}

/**
 * One UTF-16 unit or character of text a client may send: mostly ordinary
 * characters, often those that break stores, encoders and parsers (NUL,
 * lone surrogates, separators, quotes, the characters of URL syntax).
 */
const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u0000',
      '\ud800',
      '\udfff',
      '\ufffe',
      '\u2028',
      '\u202e',
      '%',
      '&',
      '=',
      '+',
      '#',
      '?',
      '/',
      '\\',
      '"',
      "'",
      '[',
      ']',
      ',',
      ':',
      '\n',
      '\t',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0xd800, max: 0xdfff })
      .map(unit => String.fromCharCode(unit)),
  },
);

/**
 * Text with the characters above, short or very long, and often with one
 * of the characters no store can hold somewhere inside.
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: hostileUnit, maxLength: 24 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.string({ unit: hostileUnit, maxLength: 8 }),
        fc.constantFrom('\u0000', '\ud800', '\udc00'),
        fc.string({ unit: hostileUnit, maxLength: 8 }),
      )
      .map(parts => parts.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: hostileUnit, maxLength: 4 }), fc.nat(8000))
      .map(([piece, n]) => `${piece}${'x'.repeat(n + 1000)}${piece}`),
  },
);

/** Numbers at the edges of what JSON, JavaScript and the databases hold. */
export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    1e300,
    -1e300,
    2 ** 31,
    2 ** 53,
    2 ** 63,
    8.64e15,
    8.64e15 + 1,
    -8.64e15,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
);

/** Timestamps, well-formed or not, in range or not. */
export const edgeTimestamp: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2026-02-30T00:00:00Z',
    '2026-11-20T25:00:00Z',
    '2026-11-20T00:00:00+99:00',
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '99999-01-01T00:00:00Z',
    '2026-11-20',
    '1e300',
    '',
  ),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map(d => d.toISOString()),
);

/**
 * A JSON value with hostile text and edge numbers in it; JSON.stringify
 * writes lone surrogates as escapes, so they survive the trip.
 */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    edgeNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Percent-encodes text byte by byte, lone surrogates as their WTF-8. */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += `%${(0xe0 | (unit >> 12)).toString(16).toUpperCase()}`;
      out += `%${(0x80 | ((unit >> 6) & 0x3f)).toString(16).toUpperCase()}`;
      out += `%${(0x80 | (unit & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}
