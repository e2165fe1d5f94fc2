import { useId } from 'react';

interface Props {
  label: string;
  value: string;
  min: number;
  max?: number;
  step: number;
  /** The server's message for this field, in words; shown under it and tied to the input. */
  error: string | undefined;
  onChange(value: string): void;
}

/** One number of the SLO form, with the server's refusal of it at the field. */
export function SloField({ label, value, min, max, step, error, onChange }: Props) {
  const errorId = useId();
  return (
    <div className="dash-slo-field">
      <label>
        {label}
        <input
          type="number"
          min={min}
          max={max}
          step={step}
          required
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      {error && (
        <span id={errorId} className="error">
          {error}
        </span>
      )}
    </div>
  );
}
