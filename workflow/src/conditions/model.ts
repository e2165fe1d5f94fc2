/**
 * The condition builder's model: rows of field, operator and value joined by all/any.
 * `generate` turns it into JSONata and `parseCondition` reads simple JSONata back into it.
 */

/** The operators the builder offers, in the order it lists them. */
export const CONDITION_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'greater_than',
  'less_than',
  'at_least',
  'at_most',
  'in_list',
  'in_cidr',
  'is_empty',
  'is_not_empty',
  'is_true',
  'is_false',
] as const;

export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** What a person reads in the operator menu. */
export const OPERATOR_LABELS: Readonly<Record<ConditionOperator, string>> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  greater_than: 'is greater than',
  less_than: 'is less than',
  at_least: 'is at least (≥)',
  at_most: 'is at most (≤)',
  in_list: 'is one of',
  in_cidr: 'is in network (CIDR)',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
  is_true: 'is true',
  is_false: 'is false',
};

export type Scalar = string | number | boolean | null;

/** The operand an operator takes: none, one scalar, a list, or a CIDR network text. */
export type OperandKind = 'none' | 'scalar' | 'list' | 'network' | 'text';

export function operandOf(op: ConditionOperator): OperandKind {
  switch (op) {
    case 'is_empty':
    case 'is_not_empty':
    case 'is_true':
    case 'is_false':
      return 'none';
    case 'in_list':
      return 'list';
    case 'in_cidr':
      return 'network';
    case 'contains':
      return 'text';
    default:
      return 'scalar';
  }
}

/** One row: `field` is a dotted path as JSONata reads it (`steps.enrich.output.score`). */
export type ConditionRow =
  | { field: string; op: 'is_empty' | 'is_not_empty' | 'is_true' | 'is_false' }
  | { field: string; op: 'in_list'; value: Scalar[] }
  | { field: string; op: 'in_cidr' | 'contains'; value: string }
  | { field: string; op: Comparison; value: Scalar };

/** The operators that compare a field with one value. */
export type Comparison = 'equals' | 'not_equals' | 'greater_than' | 'less_than' | 'at_least' | 'at_most';

export interface Condition {
  /** `all`: every row must hold (and); `any`: one is enough (or). */
  join: 'all' | 'any';
  rows: ConditionRow[];
}
