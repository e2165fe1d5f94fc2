interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Names for the values, from `min` on (`JAN` = 1, `SUN` = 0). */
  names?: readonly string[];
  kind?: 'day-of-month' | 'day-of-week';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, kind: 'day-of-month' },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: DAYS, kind: 'day-of-week' },
];
const SECONDS: FieldSpec = { name: 'second', min: 0, max: 59 };

function valueOf(token: string, spec: FieldSpec): number | undefined {
  if (/^\d{1,2}$/.test(token)) return Number(token);
  const i = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return i < 0 ? undefined : spec.min + i;
}

/** Quartz-style extras some schedulers accept: `L`, `15W`, `LW`, `L-3`, `5L`, `MON#2`. */
function isSpecial(item: string, spec: FieldSpec): boolean {
  if (spec.kind === 'day-of-month') return /^(L(-\d{1,2})?|LW|([1-9]|[12]\d|3[01])W)$/.test(item);
  if (spec.kind === 'day-of-week') {
    const m = /^([0-7]|[A-Za-z]{3})(L|#[1-5])$/.exec(item);
    return item === 'L' || (m !== null && valueOf(m[1] ?? '', spec) !== undefined);
  }
  return false;
}

function itemProblem(item: string, spec: FieldSpec): string | undefined {
  if (isSpecial(item, spec)) return undefined;
  if (item === '?') return spec.kind ? undefined : `"?" is only for the day fields`;
  const m = /^(\*|[^-/]+(?:-[^-/]+)?)(?:\/(\d+))?$/.exec(item);
  if (!m) return `"${item}" is not a value, a range or a step`;
  const step = m[2] === undefined ? 1 : Number(m[2]);
  if (step < 1 || step > spec.max) return `step ${m[2]} is out of range 1-${spec.max}`;
  if (m[1] === '*') return undefined;
  const values: number[] = [];
  for (const token of (m[1] ?? '').split('-')) {
    const v = valueOf(token, spec);
    if (v === undefined) return `"${token}" is not a ${spec.name}`;
    if (v < spec.min || v > spec.max) return `${v} is out of range ${spec.min}-${spec.max}`;
    values.push(v);
  }
  const [from = 0, to = from] = values;
  if (from > to) return `range ${m[1]} goes backwards`;
  return undefined;
}

/**
 * What is wrong with a cron expression (5 fields, or 6 with seconds first), field by
 * field; `undefined` when it is fine. Stricter than the schema's shape check: `61 * * * *`
 * has the right shape and never fires.
 */
export function cronProblem(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return `a cron expression has 5 or 6 fields, not ${parts.length}`;
  const specs = parts.length === 6 ? [SECONDS, ...FIELDS] : FIELDS;
  for (const [i, part] of parts.entries()) {
    const spec = specs[i];
    if (!spec) continue;
    for (const item of part.split(',')) {
      const problem = itemProblem(item, spec);
      if (problem) return `${spec.name} field "${part}": ${problem}`;
    }
  }
  return undefined;
}
