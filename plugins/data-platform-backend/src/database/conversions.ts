/**
 * Reads a timestamp column. PostgreSQL hands back Date objects; SQLite the
 * epoch milliseconds knex wrote, or CURRENT_TIMESTAMP text (UTC, no zone)
 * for column defaults.
 */
export function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  if (/^\d+$/.test(text)) return new Date(Number(text));
  return new Date(
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text)
      ? `${text.replace(' ', 'T')}Z`
      : text,
  );
}

export function toIso(value: unknown): string | undefined {
  return toDate(value)?.toISOString();
}

/** Reads a bigint or integer column, which PostgreSQL returns as text. */
export function toNumber(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function parseJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string' || value === '') return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** The object without its undefined and null properties. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
  ) as T;
}

/**
 * What a `raw_events` row says of its event: when it came, its kind and
 * type, time, run and job; the raw log and the set-aside list show it alike.
 */
export function rawEventIdentity(row: Record<string, any>) {
  return {
    receivedAt: toIso(row.received_at)!,
    eventKind: row.event_kind,
    eventType: row.event_type ?? undefined,
    eventTime: toIso(row.event_time),
    runId: row.run_id ?? undefined,
    job:
      row.job_namespace && row.job_name
        ? { namespace: row.job_namespace, name: row.job_name }
        : undefined,
  };
}
