interface Props {
  id: string;
  label: string;
  text: string;
  /** The parser's complaint while the text is not JSON. */
  error: string | null;
  /** Going back to the form was asked while the text is not JSON. */
  blocked: boolean;
  readOnly: boolean;
  testId: string;
  onChange(text: string): void;
  onDiscard(): void;
}

/** The JSON view of a schema form: the text as typed, kept when it is not JSON, with why in words. */
export function JsonView({ id, label, text, error, blocked, readOnly, testId, onChange, onDiscard }: Props) {
  return (
    <div className={`schema-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={12}
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          This is not valid JSON yet ({error}). Your text is kept; the form holds the last valid version.
          {blocked && ' Fix the JSON to go back to the form, or discard your changes.'}
        </span>
      )}
      {error && blocked && (
        <button type="button" onClick={onDiscard}>
          Discard the JSON changes
        </button>
      )}
    </div>
  );
}
