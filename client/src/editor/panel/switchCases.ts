/**
 * A switch's case values typed by the field it switches on: the engine follows a case when
 * its `equals` is the value itself (`5 === 5`, never `"5" === 5`), so a number field's case
 * is a number, a true/false field's a boolean, and a field with listed values offers them.
 */
import type { CompletionItem } from '../contracts';
import { fieldType } from './conditionDraft';
import { asSchema, type JsonSchema } from './schema';

export type CaseType =
  | { kind: 'number' | 'boolean' | 'string' | 'unknown' }
  | { kind: 'enum'; values: readonly (string | number | boolean)[] };

/** What the switch's field holds, from its completion: listed values first, then its type. */
export function caseType(completions: readonly CompletionItem[], field: string | undefined): CaseType {
  if (field === undefined) return { kind: 'unknown' };
  const values = completions.find((c) => c.path === field)?.values;
  if (values && values.length > 0) return { kind: 'enum', values };
  return { kind: fieldType(completions, field) };
}

const HELP = 'The value of the field that takes this case.';

/** The `equals` field's schema for a type: the control a person fills in (unknown: any scalar, as before). */
function equalsSchema(type: CaseType, base: JsonSchema): JsonSchema {
  const title = { title: 'Value', help: HELP };
  switch (type.kind) {
    case 'number':
      return { type: 'number', ...title };
    case 'boolean':
      // A choice, not a checkbox: an unticked box would read "false" for a case not set yet.
      return { enum: [true, false], ...title };
    case 'string':
      return { type: 'string', ...title };
    case 'enum':
      return { enum: [...type.values], ...title };
    default:
      return { ...base, ...title };
  }
}

/** The cases schema with `equals` drawn for the field's type. */
export function typedCasesSchema(cases: JsonSchema, type: CaseType): JsonSchema {
  const props = asSchema(cases['properties']);
  const list = asSchema(props['cases']);
  const item = asSchema(list['items']);
  const itemProps = asSchema(item['properties']);
  const equals = equalsSchema(type, asSchema(itemProps['equals']));
  return {
    ...cases,
    properties: {
      ...props,
      cases: { ...list, items: { ...item, properties: { ...itemProps, equals } } },
    },
  };
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** One case value converted to the type, when it converts without guessing; else as it was. */
export function retypeValue(v: unknown, type: CaseType): unknown {
  switch (type.kind) {
    case 'number':
      return typeof v === 'string' && NUMBER.test(v.trim()) ? Number(v.trim()) : v;
    case 'boolean':
      return v === 'true' || v === 'false' ? v === 'true' : v;
    case 'string':
      return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
    case 'enum': {
      const hit = type.values.find((x) => x === v || String(x) === String(v));
      return hit ?? v;
    }
    default:
      return v;
  }
}

/** The switch's cases with their values converted to the type of a newly picked field. */
export function retypeCases(cases: unknown, type: CaseType): unknown {
  if (!Array.isArray(cases)) return cases;
  let changed = false;
  const next = cases.map((c: unknown) => {
    if (typeof c !== 'object' || c === null || !('equals' in c)) return c;
    const equals = retypeValue(c.equals, type);
    if (equals === c.equals) return c;
    changed = true;
    return { ...c, equals };
  });
  return changed ? next : cases;
}
