import { createHash } from 'node:crypto';

/**
 * The idempotency key of an event: SHA-256 of its JSON as parsed and
 * serialized again, so the same event redelivered hashes the same whatever
 * its whitespace. Key order counts; producers retry with the bytes they
 * sent, and a reordered copy would only add a raw log entry, not change
 * what is derived.
 */
export function eventHash(serialized: string): string {
  return createHash('sha256').update(serialized).digest('hex');
}
