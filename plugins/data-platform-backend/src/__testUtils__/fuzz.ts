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
    .date({
      min: new Date(-8.64e15),
      max: new Date(8.64e15),
      noInvalidDate: true,
    })
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

type Path = (string | number)[];

/**
 * The path of every value inside `value`, the root excluded, down to a
 * depth real events have: a deeply nested replacement is not walked.
 */
function innerPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || prefix.length > 12) {
    return [];
  }
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...innerPaths(inner, path)];
  });
}

/** Nested arrays `depth` deep, for parsers and validators that recurse. */
const deepNesting = fc
  .integer({ min: 50, max: 3000 })
  .map(depth => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`));

/**
 * Long text that does not compress, from a seed: PostgreSQL compresses
 * long values before it checks them against its index size limit, so a
 * repeated character would slip through where a real long name fails.
 */
export const longNoise: fc.Arbitrary<string> = fc
  .tuple(fc.nat(), fc.integer({ min: 200, max: 12_000 }))
  .map(([seed, length]) => {
    let x = seed;
    let out = '';
    for (let i = 0; i < length; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      out += String.fromCharCode(33 + (x % 90));
    }
    return out;
  });

/** What a mutation puts in place of a value. */
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: edgeNumber },
  { weight: 2, arbitrary: edgeTimestamp },
  { weight: 2, arbitrary: hostileJson },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, {}, [], '', 'x'.repeat(70_000)),
  },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: longNoise },
);

type Mutation =
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'wrap'; at: number }
  | { op: 'add'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      at: fc.nat(),
      value: replacement,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      at: fc.nat(),
      key: hostileString,
      value: replacement,
    }),
  },
);

function applyMutation(root: unknown, m: Mutation): unknown {
  const paths = innerPaths(root);
  if (!paths.length) {
    return m.op === 'replace' ? structuredClone(m.value) : root;
  }
  const path = paths[m.at % paths.length];
  const parent = path
    .slice(0, -1)
    .reduce((node: any, key) => node[key], root) as any;
  const key = path[path.length - 1];
  if (m.op === 'replace') parent[key] = structuredClone(m.value);
  else if (m.op === 'wrap') parent[key] = [parent[key]];
  else if (m.op === 'add') {
    const target = parent[key];
    if (target !== null && typeof target === 'object') {
      (target as any)[m.key] = structuredClone(m.value);
    }
  } else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
  return root;
}

/**
 * A real event with one to three values inside it replaced, deleted,
 * wrapped in an array, or joined by a new key.
 */
export function mutatedEvent(seeds: object[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
    )
    .map(([seed, mutations]) =>
      mutations.reduce(applyMutation, structuredClone(seed)),
    );
}
