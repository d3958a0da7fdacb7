import { ImpactReport } from '@data-platform/plugin-data-platform-common';

/**
 * A cell as RFC 4180 wants it, made inert for spreadsheets: text that
 * starts like a formula (= + - @, or a tab or carriage return that some
 * programs skip) gets a leading single quote, since names and owners come
 * from whoever sends events.
 */
export function csvCell(value: string | number | undefined): string {
  let cell = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

const COLUMNS = [
  'distance',
  'kind',
  'namespace',
  'name',
  'owner',
  'id',
] as const;

/** The impact report as CSV: a header row, then one row per item. */
export function impactCsv(report: ImpactReport): string {
  const lines = [COLUMNS.join(',')];
  for (const item of report.items) {
    lines.push(COLUMNS.map(column => csvCell(item[column])).join(','));
  }
  return `${lines.map(line => `${line}\r\n`).join('')}`;
}

/** A download name safe in a Content-Disposition header. */
export function impactCsvFilename(focusName: string): string {
  const safe = focusName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
  return `impact-${safe || 'lineage'}.csv`;
}
