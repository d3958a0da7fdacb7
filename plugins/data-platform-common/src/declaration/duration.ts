const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

// Years and months have no fixed length; a declaration's durations are
// offsets and retention periods, where 365 and 30 days are what people mean.
const UNIT_SECONDS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];

/**
 * The seconds of a non-negative ISO 8601 duration (`PT6H`, `P1DT30M`,
 * `P400D`, `P1Y`, with a year as 365 days and a month as 30), or undefined
 * when the text is not one.
 */
export function durationSeconds(text: string): number | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  let seconds = 0;
  for (let i = 0; i < UNIT_SECONDS.length; i++) {
    if (match[i + 1] !== undefined) {
      seconds += Number(match[i + 1]) * UNIT_SECONDS[i];
    }
  }
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}
