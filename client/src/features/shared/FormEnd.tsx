interface Props {
  /** What went wrong that no field shows, in words: a failure, or the unplaced field messages. */
  problems: readonly string[];
  submitLabel: string;
  busy: boolean;
  onCancel(): void;
}

/** The end of an admin form: the problems no field shows (one alert), then submit and Cancel. */
export function FormEnd({ problems, submitLabel, busy, onCancel }: Props) {
  return (
    <>
      {problems.length > 0 && (
        <p role="alert" className="error">
          {problems.join('; ')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
