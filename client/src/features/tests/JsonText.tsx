import { TestCase } from '@autonomic/workflow';
import { useId, useState } from 'react';
import type { TestCaseDraft } from '../../editor/commands';

/** A JSON value as the case schema types it. */
export type Json = TestCaseDraft['event'];
const JSON_VALUE = TestCase.shape.event;

interface Props {
  label: string;
  value: unknown;
  /** Called with each text that parses as JSON (never with a half-typed one). */
  onChange(value: Json): void;
  readOnly: boolean;
  rows?: number;
  testId?: string;
  placeholder?: string;
}

/**
 * A JSON textarea: written to the case only while it parses, with the parser's message
 * under it otherwise. Shows the value as stored once the field is left (after an undo too).
 */
export function JsonText({ label, value, onChange, readOnly, rows = 4, testId, placeholder }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 2));
  return (
    <label className="case-json">
      {label}
      <textarea
        rows={rows}
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        placeholder={placeholder}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          try {
            const parsed = JSON_VALUE.safeParse(JSON.parse(t));
            setError(parsed.success ? null : 'not a JSON value');
            if (parsed.success) onChange(parsed.data);
          } catch (err) {
            setError(err instanceof Error ? err.message : 'not valid JSON');
          }
        }}
        onBlur={() => error === null && setDraft(null)}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          Not JSON yet: {error}
        </span>
      )}
    </label>
  );
}
