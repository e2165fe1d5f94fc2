import type { ReactNode } from 'react';
import { formatHint } from './checkValue';
import { idOf, type FieldContext } from './fieldContext';
import { dotted, getAt, parseJsonText, type Json, type JsonPath } from './jsonValue';
import type { Field } from './schemaFields';
import { useDraftText, type Reading } from './useDraftText';

interface Props {
  field: Field;
  path: JsonPath;
  ctx: FieldContext;
}

/** What a number field reads: empty is no value; a number is sent as a number; anything else as typed, for the check to name. */
const readNumber = (t: string): Reading =>
  t.trim() === '' ? { ok: true, value: undefined } : { ok: true, value: Number.isFinite(Number(t)) ? Number(t) : t };

const readLines = (t: string): Reading => {
  const lines = t
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { ok: true, value: lines.length > 0 ? lines : undefined };
};

const readJson = (t: string): Reading => {
  if (t.trim() === '') return { ok: true, value: undefined };
  const p = parseJsonText(t);
  return p.ok ? p : { ok: false, error: `is not valid JSON yet (${p.error})` };
};

const formatNumber = (v: Json | undefined) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const formatLines = (v: Json | undefined) =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n') : formatNumber(v);
const formatJson = (v: Json | undefined) => (v === undefined ? '' : JSON.stringify(v, null, 2));

const KIND_HINT: Partial<Record<Field['kind'], string>> = {
  strings: 'One per line.',
  json: 'As JSON.',
  integer: 'A whole number.',
};

/** One field of a schema form: its label, input, hint, and its message in words. */
export function FieldInput({ field: f, path, ctx }: Props) {
  const key = dotted(path);
  const id = idOf(ctx, key);
  const value = getAt(ctx.value, path);
  const set = (v: Json | undefined) => ctx.set(path, v);
  const draftReader = f.kind === 'strings' ? readLines : f.kind === 'json' ? readJson : readNumber;
  const draftFormat = f.kind === 'strings' ? formatLines : f.kind === 'json' ? formatJson : formatNumber;
  const draft = useDraftText(value, draftFormat, draftReader, set);
  const error = draft.error ?? ctx.errors.get(key);
  const hints = [
    f.description,
    f.kind === 'string' || f.kind === 'strings' ? formatHint(f.formats) : '',
    KIND_HINT[f.kind],
  ].filter((h): h is string => Boolean(h));
  const hint = hints.length > 0;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: key,
    disabled: ctx.readOnly && (f.kind === 'boolean' || f.kind === 'enum') ? true : undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': f.required || undefined,
  };
  let input: ReactNode;
  if (f.kind === 'boolean') {
    input = <input {...common} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />;
  } else if (f.kind === 'enum') {
    const options = f.options ?? [];
    const chosen = options.find((o) => o === value);
    input = (
      <select
        {...common}
        value={chosen === undefined ? '' : String(chosen)}
        onChange={(e) => set(options.find((o) => String(o) === e.target.value))}
      >
        <option value="">— choose —</option>
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    );
  } else if (f.kind === 'strings' || f.kind === 'json') {
    input = (
      <textarea
        {...common}
        rows={f.kind === 'json' ? 4 : 3}
        readOnly={ctx.readOnly}
        spellCheck={false}
        value={draft.text}
        onChange={(e) => draft.change(e.target.value)}
      />
    );
  } else if (f.kind === 'number' || f.kind === 'integer') {
    input = (
      <input
        {...common}
        type="text"
        inputMode={f.kind === 'integer' ? 'numeric' : 'decimal'}
        readOnly={ctx.readOnly}
        value={draft.text}
        onChange={(e) => draft.change(e.target.value)}
      />
    );
  } else {
    const formats = f.formats ?? [];
    input = (
      <input
        {...common}
        type="text"
        inputMode={formats.includes('email') ? 'email' : formats.includes('uri') ? 'url' : undefined}
        readOnly={ctx.readOnly}
        value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
        onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
      />
    );
  }
  return (
    <div className={`schema-field${error ? ' invalid' : ''}`} data-testid={`${ctx.testId}-field-${key}`}>
      <label htmlFor={id}>
        {f.label}
        {f.required && <span className="required"> (required)</span>}
      </label>
      {input}
      {hint && (
        <span id={`${id}-hint`} className="muted hint">
          {hints.map((h, i) => (
            <span key={i}>{i > 0 ? ` ${h}` : h}</span>
          ))}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {f.label} {error}
        </span>
      )}
    </div>
  );
}
