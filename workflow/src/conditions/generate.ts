import type { Condition, ConditionRow, Scalar } from './model';

const COMPARISON = {
  equals: '=',
  not_equals: '!=',
  greater_than: '>',
  less_than: '<',
  at_least: '>=',
  at_most: '<=',
} as const;

/** A JSONata literal: strings in JSON quoting (JSONata reads JSON escapes), numbers, true, false, null. */
export function literal(v: Scalar): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** One row as JSONata, and whether it is a disjunction or conjunction of its own (it needs parentheses among others). */
function rowSource(row: ConditionRow): { source: string; compound: boolean } {
  const f = row.field;
  switch (row.op) {
    case 'is_true':
      return { source: `${f} = true`, compound: false };
    case 'is_false':
      return { source: `${f} = false`, compound: false };
    case 'is_empty':
      return { source: `$not($exists(${f})) or ${f} = null or ${f} = ""`, compound: true };
    case 'is_not_empty':
      return { source: `$exists(${f}) and ${f} != null and ${f} != ""`, compound: true };
    case 'contains':
      return { source: `$contains(${f}, ${literal(row.value)})`, compound: false };
    case 'in_cidr':
      return { source: `$inCidr(${f}, ${literal(row.value)})`, compound: false };
    case 'in_list':
      return { source: `${f} in [${row.value.map(literal).join(', ')}]`, compound: false };
    default:
      return { source: `${f} ${COMPARISON[row.op]} ${literal(row.value)}`, compound: false };
  }
}

/**
 * The JSONata of a condition: rows joined by `and` (all) or `or` (any); a row that is an
 * `and`/`or` of its own (is empty, is not empty) goes in parentheses when there are others.
 * Empty string for no rows. `parseCondition` reads the result back into the same rows.
 * @example generateCondition({ join: 'all', rows: [{ field: 'steps.abuse.output.score', op: 'at_least', value: 70 }] })
 * // 'steps.abuse.output.score >= 70'
 */
export function generateCondition(condition: Condition): string {
  const parts = condition.rows.map(rowSource);
  if (parts.length === 1) return parts[0]?.source ?? '';
  return parts.map((p) => (p.compound ? `(${p.source})` : p.source)).join(condition.join === 'all' ? ' and ' : ' or ');
}
