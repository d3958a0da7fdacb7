const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' '),
  },
  {
    name: 'day of week',
    min: 0,
    // 7 is Sunday too, as in Vixie cron.
    max: 7,
    names: 'sun mon tue wed thu fri sat'.split(' '),
  },
] as const;

type Field = (typeof FIELDS)[number];

/**
 * Why a five-field cron expression (minute, hour, day of month, month, day
 * of week; lists, ranges, steps, `*`, month and weekday names) is invalid,
 * or undefined when it is valid. Seconds fields and `@daily`-style macros
 * are refused: a declaration names those cadences by keyword.
 */
export function cronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return `a cron expression has 5 fields (minute hour day-of-month month day-of-week), not ${parts.length}`;
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i]);
    if (problem) return `${FIELDS[i].name} field "${parts[i]}": ${problem}`;
  }
  return undefined;
}

function fieldProblem(text: string, field: Field): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, ...rest] = item.split('/');
    if (rest.length > 0) return 'more than one step';
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) {
      return `step "${step}" is not a positive number`;
    }
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `"${range}" is not a value or a range`;
    const values = bounds.map(bound => value(bound, field));
    for (let j = 0; j < values.length; j++) {
      if (values[j] === undefined) {
        return `"${bounds[j]}" is not a value from ${field.min} to ${field.max}`;
      }
    }
    if (values.length === 2 && values[0]! > values[1]!) {
      return `range "${range}" runs backwards`;
    }
  }
  return undefined;
}

function value(text: string, field: Field): number | undefined {
  if ('names' in field) {
    const index = (field.names as readonly string[]).indexOf(
      text.toLowerCase(),
    );
    if (index >= 0) return index + (field.name === 'month' ? 1 : 0);
  }
  if (!/^\d+$/.test(text)) return undefined;
  const number = Number(text);
  return number >= field.min && number <= field.max ? number : undefined;
}
