import { useId, useState } from 'react';
import { FieldShell } from './FieldShell';
import type { FieldProps } from './fieldProps';
import { usePanel } from './PanelContext';
import { helpText } from './schema';
import { useFieldIds } from './useFieldIds';

/** Anything the generated form has no editor for: raw JSON, applied once it parses. */
export function JsonField({ schema, value, onChange, path, label, required, hideLabel }: FieldProps) {
  const { readOnly } = usePanel();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const ids = useFieldIds(path, error ? errorId : undefined);
  const text = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 2));
  return (
    <FieldShell
      ids={ids}
      label={label}
      required={required}
      help={helpText(schema, 'json')}
      hideLabel={hideLabel}
      after={
        error && (
          <p id={errorId} className="pf-syntax">
            Not JSON yet: {error}
          </p>
        )
      }
    >
      <textarea
        id={ids.inputId}
        className="pf-input pf-json"
        rows={3}
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        aria-describedby={ids.describedBy}
        aria-invalid={ids.invalid || error !== null || undefined}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          if (t.trim() === '') {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(t);
            setError(null);
            onChange(parsed);
          } catch (err) {
            setError(err instanceof Error ? err.message : 'invalid JSON');
          }
        }}
        onBlur={() => error === null && setDraft(null)}
      />
    </FieldShell>
  );
}
