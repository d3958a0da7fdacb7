import { toJsonPath } from '../openlineage/rejection';

/**
 * How deeply a value nests, counting each object and array: `{}` is 1,
 * `{"a": []}` is 2. The default limit, 64, is far above real OpenLineage
 * events (a schema facet's struct fields add two levels per struct).
 */
export const DEFAULT_MAX_DEPTH = 64;

type Frame = {
  node: any;
  /** The keys of an object; undefined for an array. */
  keys: string[] | undefined;
  length: number;
  /** The child visited next. */
  next: number;
};

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function frame(node: any): Frame {
  const keys = Array.isArray(node) ? undefined : Object.keys(node);
  return { node, keys, length: keys?.length ?? node.length, next: 0 };
}

/**
 * The JSON path of the first object or array nested deeper than `maxDepth`
 * in `value`, or undefined. V8's JSON.parse builds values of any depth but
 * JSON.stringify, structuredClone and the schema validator recurse and
 * overflow the stack on them, so this walks with its own stack, which never
 * holds more than `maxDepth` frames.
 */
export function tooDeepAt(
  value: unknown,
  maxDepth: number,
): string | undefined {
  if (!isContainer(value)) return undefined;
  if (maxDepth < 1) return '$';
  const stack = [frame(value)];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next === top.length) {
      stack.pop();
      continue;
    }
    const key = top.keys ? top.keys[top.next] : top.next;
    top.next++;
    const child = top.node[key];
    if (!isContainer(child)) continue;
    if (stack.length === maxDepth) {
      const pointer = stack
        .map(f => (f.keys ? f.keys[f.next - 1] : String(f.next - 1)))
        .map(token => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`)
        .join('');
      return toJsonPath('$', pointer);
    }
    stack.push(frame(child));
  }
  return undefined;
}

/**
 * `value` as JSON down to `maxDepth`, each deeper object or array replaced
 * by a string that says so: what a dead letter keeps of a value too deep to
 * serialize whole. The replacer stops JSON.stringify's recursion there.
 */
export function stringifyToDepth(value: unknown, maxDepth: number): string {
  const depths = new WeakMap<object, number>();
  const cut = `[nested deeper than ${maxDepth} levels, cut]`;
  return (
    JSON.stringify(value, function replace(this: object, _key, child) {
      if (!isContainer(child)) return child;
      const depth = (depths.get(this) ?? 0) + 1;
      if (depth > maxDepth) return cut;
      depths.set(child, depth);
      return child;
    }) ?? 'null'
  );
}
