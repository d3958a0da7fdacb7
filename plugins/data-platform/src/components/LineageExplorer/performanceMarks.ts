/**
 * Marks the explorer leaves in the browser's performance timeline, which
 * the `yarn bench` browser benchmark reads: `lineage:data` (the answer
 * arrived), `lineage:layout` (the layout came back), `lineage:painted`
 * (the frame after the laid-out nodes were committed).
 */
export function markLineage(
  name: 'lineage:data' | 'lineage:layout' | 'lineage:painted',
) {
  // jsdom has no performance.mark.
  if (
    typeof performance !== 'undefined' &&
    typeof performance.mark === 'function'
  ) {
    performance.mark(name);
  }
}
