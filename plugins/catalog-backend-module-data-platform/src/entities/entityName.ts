import { createHash } from 'node:crypto';

// The catalog's limit for metadata.name.
const MAX_NAME_LENGTH = 63;
// 48 bits: among a million endpoints, two share a suffix with a
// probability of about 2 in a thousand, and they would also need the same
// readable part to collide.
const HASH_LENGTH = 12;
const READABLE_LENGTH = MAX_NAME_LENGTH - HASH_LENGTH - 1;

/**
 * A valid, stable catalog name for an OpenLineage identity: its namespace
 * and name in the characters the catalog allows (`[A-Za-z0-9-_.]`, starting
 * and ending with a letter or digit), then `-` and a hash of the exact
 * identity. The hash is always there: sanitising maps distinct identities
 * onto one text (`a/b` and `a-b`, or namespace `a` with name `b.c` and `a.b`
 * with `c`), and truncation would too. When namespace and name do not fit
 * in 50 characters the name alone is kept, its end when it is longer still
 * (the end of a dotted or slashed name is its most specific part).
 */
export function catalogName(namespace: string, name: string): string {
  const hash = createHash('sha256')
    .update(`${namespace}\u0000${name}`)
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const full = sanitise(`${namespace}.${name}`);
  const readable =
    full.length <= READABLE_LENGTH
      ? full
      : sanitise(sanitise(name).slice(-READABLE_LENGTH));
  return readable ? `${readable}-${hash}` : hash;
}

function sanitise(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/[-_.]{2,}/g, run => run[0])
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
