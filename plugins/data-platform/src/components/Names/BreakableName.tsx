import { Fragment } from 'react';

// Where a dotted, snake_case, path-like or kebab-case name may wrap: after
// each separator, so a line never ends inside a segment.
const SEPARATORS = /(?<=[._/-])/;

/** A name's segments, each ending with its separator, in order. */
export function nameSegments(name: string): string[] {
  return name.split(SEPARATORS).filter(segment => segment.length > 0);
}

/**
 * A long technical name (`sim-marketing-data.raw.orders_daily`) that wraps
 * after its separators instead of mid-word: a `<wbr>` after each one, which
 * adds nothing to the text, its accessible name or what is copied. A segment
 * wider than its whole line still breaks, rather than overflowing.
 */
export function BreakableName(props: { name: string }) {
  const segments = nameSegments(props.name);
  if (segments.length < 2) return <>{props.name}</>;
  return (
    <>
      {segments.map((segment, index) => (
        // eslint-disable-next-line react/no-array-index-key
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {segment}
        </Fragment>
      ))}
    </>
  );
}

/**
 * `name` shortened to at most `max` characters by cutting out its middle,
 * so the start and, above all, the last segments stay: names of one
 * platform share their prefix (`sim-marketing-data.…`) and differ at the
 * end. The cut lands after a separator where one is near enough.
 */
export function truncateMiddle(name: string, max: number): string {
  if (name.length <= max) return name;
  // At least a few characters of the start, to say which family it is.
  const minHead = Math.min(4, Math.max(0, max - 2));
  const tailBudget = max - 1 - minHead;
  const segments = nameSegments(name);
  let tail = '';
  for (let i = segments.length - 1; i > 0; i -= 1) {
    const longer = segments[i] + tail;
    if (longer.length > tailBudget) break;
    tail = longer;
  }
  // Keeping whole segments would leave room unused (the last one alone is
  // too long, or the one before does not fit): the end is worth more than
  // a clean cut, so cut inside a segment, keeping as much of the end as fits.
  if (tailBudget - tail.length > 3) {
    tail = name.slice(name.length - tailBudget);
  }
  const head = name.slice(0, max - 1 - tail.length);
  return `${head}…${tail}`;
}
