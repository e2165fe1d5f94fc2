import { AddStepPicker } from '../../forms/fixtures/AddStepPicker';
import type { StepOption } from './caseDraft';

/** A list of step ids (reached, not reached): each removable, one more picked from the steps not listed. */
export function StepListField(props: {
  title: string;
  /** "reaches": the add button says "Add: reaches <step>". */
  verb: string;
  ids: readonly string[];
  steps: readonly StepOption[];
  readOnly: boolean;
  testId: string;
  onChange(ids: string[] | undefined): void;
}) {
  const { title, verb, ids, steps, readOnly, testId, onChange } = props;
  const free = steps.filter((s) => !ids.includes(s.id));
  const label = (id: string) => steps.find((s) => s.id === id)?.label ?? id;
  return (
    <div className="case-steps" data-testid={testId}>
      <p>{title}</p>
      {ids.length > 0 && (
        <ul>
          {ids.map((id) => (
            <li key={id}>
              {verb} <code>{id}</code> <span className="muted">{label(id)}</span>{' '}
              {!readOnly && (
                <button
                  type="button"
                  className="linklike"
                  aria-label={`Remove: ${verb} ${id}`}
                  onClick={() => {
                    const next = ids.filter((x) => x !== id);
                    onChange(next.length ? next : undefined);
                  }}
                >
                  remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <AddStepPicker
          free={free}
          label={`Step that the run ${verb}`}
          buttonText={`Add “${verb}”`}
          selectTestId={`${testId}-step`}
          buttonTestId={`${testId}-add`}
          onAdd={(id) => onChange([...ids, id])}
        />
      )}
    </div>
  );
}
