/**
 * The condition builder's rows as a person edits them: the value is text until the row is
 * complete, then typed by the field's type (a number field compares with a number).
 */
import { type ConditionOperator, type ConditionRow, type Scalar } from '@autonomic/workflow';
import type { CompletionItem } from '../contracts';

export interface DraftRow {
  field: string;
  op: ConditionOperator;
  /** The value as typed; a list is comma-separated. */
  text: string;
}

/** What the builder knows of a field's type, from its completion detail ("number — …", "string (ipv4)"). */
export type FieldType = 'number' | 'boolean' | 'string' | 'unknown';

export function fieldType(completions: readonly CompletionItem[], field: string): FieldType {
  const detail = completions.find((c) => c.path === field)?.detail ?? '';
  const first = /^[a-z]+/.exec(detail)?.[0];
  if (first === 'number' || first === 'integer') return 'number';
  if (first === 'boolean') return 'boolean';
  if (first === 'string') return 'string';
  return 'unknown';
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** One typed value, or a message saying what the text should be. */
function scalar(text: string, type: FieldType, numeric: boolean): { v: Scalar } | { problem: string } {
  const t = text.trim();
  if (type === 'number' || numeric) return NUMBER.test(t) ? { v: Number(t) } : { problem: 'enter a number' };
  if (type === 'boolean') return t === 'true' || t === 'false' ? { v: t === 'true' } : { problem: 'true or false' };
  if (type === 'string') return { v: text };
  if (NUMBER.test(t)) return { v: Number(t) };
  if (t === 'true' || t === 'false') return { v: t === 'true' };
  return t === 'null' ? { v: null } : { v: text };
}

/** The row the draft stands for, or what is missing from it (shown beside the row). */
export function rowOf(draft: DraftRow, type: FieldType): { row: ConditionRow } | { problem: string } {
  const { field, op, text } = draft;
  if (field === '') return { problem: 'pick a field' };
  switch (op) {
    case 'is_empty':
    case 'is_not_empty':
    case 'is_true':
    case 'is_false':
      return { row: { field, op } };
    case 'contains':
    case 'in_cidr':
      if (text.trim() === '')
        return { problem: op === 'in_cidr' ? 'enter a network, e.g. 10.0.0.0/8' : 'enter a value' };
      return { row: { field, op, value: op === 'in_cidr' ? text.trim() : text } };
    case 'in_list': {
      const parts = text.split(',').filter((p) => p.trim() !== '');
      if (parts.length === 0) return { problem: 'enter values separated by commas' };
      const values: Scalar[] = [];
      for (const p of parts) {
        const s = scalar(p.trim(), type, false);
        if ('problem' in s) return s;
        values.push(s.v);
      }
      return { row: { field, op, value: values } };
    }
    default: {
      if (text.trim() === '') return { problem: 'enter a value' };
      const s = scalar(text, type, op !== 'equals' && op !== 'not_equals');
      return 'problem' in s ? s : { row: { field, op, value: s.v } };
    }
  }
}

/** The draft of a parsed row: its value as the text a person would type. */
export function draftOf(row: ConditionRow): DraftRow {
  if (!('value' in row)) return { field: row.field, op: row.op, text: '' };
  const text = (v: Scalar) => (typeof v === 'string' ? v : String(v));
  return {
    field: row.field,
    op: row.op,
    text: Array.isArray(row.value) ? row.value.map(text).join(', ') : text(row.value),
  };
}
