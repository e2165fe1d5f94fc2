import { useId } from 'react';

interface Props {
  /** Words before the input ("Replay the last"). */
  before: string;
  /** Words after it ("events"). */
  after: string;
  value: string;
  onChange(value: string): void;
  /** What is wrong with the value, in words; shown under the field and read with it. */
  error: string | null;
  min: number;
  max: number;
  testId: string;
}

/** A whole number inside a sentence ("Replay the last [50] events"), its error at the field. */
export function CountField({ before, after, value, onChange, error, min, max, testId }: Props) {
  const id = useId();
  return (
    <span className="replay-count">
      <label htmlFor={id}>{before}</label>{' '}
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      />{' '}
      <span aria-hidden="true">{after}</span>
      {error && (
        <span id={`${id}-error`} className="error field-error" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}

/**
 * The whole number in `text`, or why it is not one the server takes: the contract's own
 * messages for its bounds (`schema`), "a whole number" for anything else.
 */
export function parseCount(
  text: string,
  check: (n: number) => { success: true } | { success: false; error: { issues: { message: string }[] } },
): { value: number; error: null } | { value: null; error: string } {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isInteger(n)) return { value: null, error: 'a whole number' };
  const r = check(n);
  return r.success
    ? { value: n, error: null }
    : { value: null, error: r.error.issues.map((i) => i.message).join('; ') };
}
