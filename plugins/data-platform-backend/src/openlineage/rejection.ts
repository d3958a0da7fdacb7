/** Why an event is refused, and where in it; thrown by the checks. */
export class Rejection extends Error {
  constructor(readonly reason: string, readonly jsonPath: string) {
    super(reason);
  }
}

/** Throws a {@link Rejection} whose reason starts with the path. */
export function reject(jsonPath: string, message: string): never {
  throw new Rejection(`${jsonPath} ${message}`, jsonPath);
}

/**
 * `path` with one more step. Keys that are not identifiers are quoted with
 * JSON.stringify, which escapes what a reason or a path must not carry
 * raw: NUL, unpaired surrogates, quotes, line breaks.
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** `$.a.b[0]` from a JSON Pointer such as `/a/b/0`. */
export function toJsonPath(base: string, pointer: string): string {
  if (!pointer) return base;
  return pointer
    .split('/')
    .slice(1)
    .map(token => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, token) =>
        childPath(path, /^\d+$/.test(token) ? Number(token) : token),
      base,
    );
}
