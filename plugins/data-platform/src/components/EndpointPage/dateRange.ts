/**
 * Turns the dates of a date range picked in the browser (`YYYY-MM-DD`, the
 * value of `<input type="date">`) into the ISO timestamps the service
 * filters on. Both ends are local midnights; the end date is inclusive, so
 * `to` is the midnight after it.
 */
export function dateRangeToIso(range: { from: string; to: string }): {
  from?: string;
  to?: string;
} {
  const toIso = (date: string, plusDays = 0) => {
    const [year, month, day] = date.split('-').map(Number);
    if (!year || !month || !day) {
      return undefined;
    }
    const local = new Date(year, month - 1, day + plusDays);
    return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
  };
  return {
    from: range.from ? toIso(range.from) : undefined,
    to: range.to ? toIso(range.to, 1) : undefined,
  };
}
