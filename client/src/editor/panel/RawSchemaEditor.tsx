import { useId, useState } from 'react';
import { isRecord } from './schema';

interface RawSchemaEditorProps {
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  readOnly: boolean;
}

/** The input schema as JSON text, applied whenever it parses to an object. */
export function RawSchemaEditor({ value, onChange, readOnly }: RawSchemaEditorProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = draft ?? JSON.stringify(value, null, 2);
  return (
    <div className="pf-field">
      <label htmlFor={id} className="pf-label">
        Input schema (JSON Schema)
      </label>
      <textarea
        id={id}
        className="pf-input pf-json"
        rows={Math.min(24, Math.max(6, text.split('\n').length))}
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        aria-invalid={error !== null || undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          try {
            const parsed: unknown = JSON.parse(t);
            if (!isRecord(parsed)) throw new Error('the schema must be a JSON object');
            setError(null);
            onChange(parsed);
          } catch (err) {
            setError(err instanceof Error ? err.message : 'invalid JSON');
          }
        }}
        onBlur={() => error === null && setDraft(null)}
      />
      <p id={`${id}-help`} className="pf-help">
        Any JSON Schema object; applied as soon as it is valid JSON.
      </p>
      {error && (
        <p id={`${id}-error`} className="pf-syntax">
          Not applied: {error}
        </p>
      )}
    </div>
  );
}
