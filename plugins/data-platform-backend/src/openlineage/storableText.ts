import { storableText, SUSPECT } from '../database/storableText';
import { childPath, reject } from './rejection';

/** The notes an event gets one by one; beyond, a count. */
const MAX_NOTES = 20;

type Frame = { parent?: Frame; key: string | number };

function pathOf(frame: Frame | undefined): string {
  const keys: (string | number)[] = [];
  for (let f = frame; f; f = f.parent) keys.push(f.key);
  return keys.reduceRight<string>((path, key) => childPath(path, key), '$');
}

function defineKey(target: Record<string, unknown>, key: string, value: any) {
  // Plain assignment would set the prototype for a key `__proto__`.
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/**
 * Makes every key and string of a parsed event storable on PostgreSQL, in
 * place, noting each replacement with its JSON path, and rejects numbers
 * JSON.parse could only read as Infinity (`1e400`), which would be stored
 * as null. Iterative, so that no nesting depth overflows the stack.
 */
export function repairText(event: Record<string, any>, notes: string[]) {
  let repairs = 0;
  const note = (frame: Frame, what: string, replaced: number) => {
    repairs++;
    if (repairs > MAX_NOTES) return;
    notes.push(
      `${pathOf(frame)}${what} had ${replaced} character${
        replaced === 1 ? '' : 's'
      } PostgreSQL cannot store (NUL or an unpaired surrogate); replaced with U+FFFD`,
    );
  };
  const containers: any[] = [event];
  const frames: (Frame | undefined)[] = [undefined];
  // Most events hold nothing to repair: one test per string, no allocation.
  const visit = (
    container: any,
    key: string | number,
    frame: Frame | undefined,
  ) => {
    const value = container[key];
    if (typeof value === 'string') {
      if (!SUSPECT.test(value)) return;
      const repaired = storableText(value);
      if (repaired.replaced) {
        container[key] = repaired.text;
        note({ parent: frame, key }, '', repaired.replaced);
      }
    } else if (typeof value === 'object' && value !== null) {
      containers.push(value);
      frames.push({ parent: frame, key });
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      reject(
        pathOf({ parent: frame, key }),
        'is a number beyond the range of a double (about ±1.8e308)',
      );
    }
  };
  while (containers.length) {
    const container = containers.pop();
    const frame = frames.pop();
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) visit(container, i, frame);
      continue;
    }
    const keys = Object.keys(container);
    let suspectKey = false;
    for (let i = 0; i < keys.length; i++) {
      if (SUSPECT.test(keys[i])) suspectKey = true;
      visit(container, keys[i], frame);
    }
    if (suspectKey) repairKeys(container, frame, note);
  }
  if (repairs > MAX_NOTES) {
    notes.push(
      `${
        repairs - MAX_NOTES
      } more keys or strings had characters PostgreSQL cannot store replaced with U+FFFD`,
    );
  }
}

/** Renames the keys of `target` that need it, keeping the keys' order. */
function repairKeys(
  target: Record<string, any>,
  frame: Frame | undefined,
  note: (frame: Frame, what: string, replaced: number) => void,
) {
  const keys = Object.keys(target);
  const entries: [string, any][] = [];
  const seen = new Set<string>();
  let renamed = false;
  for (const key of keys) {
    const repaired = storableText(key);
    if (repaired.replaced) {
      renamed = true;
      note({ parent: frame, key }, ' (a key)', repaired.replaced);
    }
    if (seen.has(repaired.text)) {
      // Two keys that differ only in what is replaced: one would be lost.
      reject(
        pathOf({ parent: frame, key }),
        'is the same key as another once NUL and unpaired surrogates are replaced with U+FFFD',
      );
    }
    seen.add(repaired.text);
    entries.push([repaired.text, target[key]]);
  }
  if (!renamed) return;
  for (const key of keys) delete target[key];
  for (const [key, value] of entries) defineKey(target, key, value);
}
