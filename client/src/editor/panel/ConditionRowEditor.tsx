import { CONDITION_OPERATORS, OPERATOR_LABELS, operandOf, type ConditionOperator } from '@autonomic/workflow';
import type { CompletionItem } from '../contracts';
import type { DraftRow, FieldType } from './conditionDraft';

/** The operators that make sense for a field of a known type; an unknown field gets them all. */
const BY_TYPE: Record<FieldType, readonly ConditionOperator[]> = {
  number: [
    'equals',
    'not_equals',
    'greater_than',
    'less_than',
    'at_least',
    'at_most',
    'in_list',
    'is_empty',
    'is_not_empty',
  ],
  boolean: ['is_true', 'is_false', 'is_empty', 'is_not_empty'],
  string: ['equals', 'not_equals', 'contains', 'in_list', 'in_cidr', 'is_empty', 'is_not_empty'],
  unknown: CONDITION_OPERATORS,
};

const PLACEHOLDER: Partial<Record<ConditionOperator, string>> = {
  in_list: 'a, b, c',
  in_cidr: '10.0.0.0/8',
};

interface Props {
  index: number;
  draft: DraftRow;
  type: FieldType;
  /** What is still missing, when the row is not complete. */
  problem: string | undefined;
  fields: readonly CompletionItem[];
  readOnly: boolean;
  onChange(draft: DraftRow): void;
  onRemove(): void;
}

/** One row of the condition builder: field, operator and (when the operator takes one) value. */
export function ConditionRowEditor({ index, draft, type, problem, fields, readOnly, onChange, onRemove }: Props) {
  const n = index + 1;
  const known = fields.some((f) => f.path === draft.field);
  const ops = BY_TYPE[type].includes(draft.op) ? BY_TYPE[type] : [draft.op, ...BY_TYPE[type]];
  const operand = operandOf(draft.op);
  const problemId = `condition-row-${n}-problem`;
  return (
    <div className="pf-item cb-row" role="group" aria-label={`Condition ${n}`}>
      <select
        className="pf-input"
        aria-label={`Field of condition ${n}`}
        value={draft.field}
        disabled={readOnly}
        onChange={(e) => onChange({ ...draft, field: e.target.value })}
      >
        <option value="" disabled>
          Pick a field…
        </option>
        {!known && draft.field !== '' && <option value={draft.field}>{draft.field}</option>}
        {fields.map((f) => (
          <option key={f.path} value={f.path}>
            {f.path}
            {f.detail ? ` (${f.detail})` : ''}
          </option>
        ))}
      </select>
      <select
        className="pf-input"
        aria-label={`Operator of condition ${n}`}
        value={draft.op}
        disabled={readOnly}
        onChange={(e) => onChange({ ...draft, op: CONDITION_OPERATORS.find((o) => o === e.target.value) ?? draft.op })}
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </select>
      {operand !== 'none' && (
        <input
          className="pf-input"
          aria-label={`Value of condition ${n}`}
          inputMode={type === 'number' ? 'decimal' : undefined}
          placeholder={PLACEHOLDER[draft.op]}
          value={draft.text}
          readOnly={readOnly}
          aria-invalid={problem !== undefined && draft.field !== '' ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onChange={(e) => onChange({ ...draft, text: e.target.value })}
        />
      )}
      <button
        type="button"
        className="pf-icon pf-remove"
        aria-label={`Remove condition ${n}`}
        disabled={readOnly}
        onClick={onRemove}
      >
        ×
      </button>
      {problem && (
        <p id={problemId} className="pf-help cb-missing">
          To finish condition {n}: {problem}.
        </p>
      )}
    </div>
  );
}
