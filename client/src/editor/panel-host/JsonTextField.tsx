import { useEffect, useId, useState } from 'react';
import { isRecord } from '../graph/json';

/**
 * A JSON object edited as text: applied when it parses (on blur), with the parse error
 * shown otherwise. For the trigger's event schema and for retry policies.
 */
export function JsonTextField({
  label,
  help,
  value,
  onCommit,
  readOnly,
  testId,
}: {
  label: string;
  help?: string;
  value: Record<string, unknown> | undefined;
  onCommit(value: Record<string, unknown> | null): void;
  readOnly: boolean;
  testId?: string;
}) {
  const id = useId();
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    if (text.trim() === '') {
      setError(null);
      onCommit(null);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isRecord(parsed)) throw new Error('a JSON object is expected');
      setError(null);
      onCommit(parsed);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <label htmlFor={id}>
      {label}
      {help && <span className="muted">{help}</span>}
      <textarea
        id={id}
        rows={6}
        value={text}
        readOnly={readOnly}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      />
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
