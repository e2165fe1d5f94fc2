/** The "Form" / "JSON" pair of toggle buttons over an editor; the pressed one is the view shown. */
export function ViewSwitch({
  label,
  testId,
  mode,
  onForm,
  onJson,
}: {
  /** What is edited: the group reads "<label>: form or JSON". */
  label: string;
  /** The buttons' test ids are `<testId>-view-form` and `<testId>-view-json`. */
  testId: string;
  mode: 'form' | 'json';
  onForm(): void;
  onJson(): void;
}) {
  return (
    <div className="view-switch" role="group" aria-label={`${label}: form or JSON`}>
      <button type="button" aria-pressed={mode === 'form'} data-testid={`${testId}-view-form`} onClick={onForm}>
        Form
      </button>
      <button type="button" aria-pressed={mode === 'json'} data-testid={`${testId}-view-json`} onClick={onJson}>
        JSON
      </button>
    </div>
  );
}
