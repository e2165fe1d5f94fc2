/** The rows of the assertions that are lists of objects: effects and outputs. */
import type { EffectAssertion } from '@autonomic/workflow';
import type { ExpectDraft, StepOption } from './caseDraft';

export type EffectDraft = NonNullable<ExpectDraft['effects']>[number];
export type OutputDraft = NonNullable<ExpectDraft['outputs']>[number];
type Decision = NonNullable<EffectAssertion['decision']>;

const DECISIONS: readonly Decision[] = ['would-run', 'refused', 'auto-ok'];

/** A step pick-list with a "none" choice (any step, the run). */
function StepSelect(props: {
  label: string;
  value: string | undefined;
  none: string;
  steps: readonly StepOption[];
  readOnly: boolean;
  onChange(id: string | undefined): void;
  testId: string;
}) {
  const { label, value, none, steps, readOnly, onChange, testId } = props;
  return (
    <label>
      {label}
      <select
        value={value ?? ''}
        disabled={readOnly}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{none}</option>
        {steps.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label} ({s.id})
          </option>
        ))}
      </select>
    </label>
  );
}

/** One effect assertion: which step, target, action words, decision, or that it must not happen. */
export function EffectRow(props: {
  index: number;
  value: EffectDraft;
  steps: readonly StepOption[];
  readOnly: boolean;
  onChange(v: EffectDraft | undefined): void;
}) {
  const { index, value, steps, readOnly, onChange } = props;
  /** The effect with `key` set, or gone when `v` is undefined (an unset field matches any). */
  const patch = <K extends keyof EffectDraft>(key: K, v: EffectDraft[K] | undefined) => {
    const next: EffectDraft = { ...value };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <div className="case-item case-row-fields" data-testid={`assert-effect-${index}`}>
      <StepSelect
        label="Step"
        value={value.step}
        none="any step"
        steps={steps}
        readOnly={readOnly}
        testId={`assert-effect-${index}-step`}
        onChange={(step) => patch('step', step)}
      />
      <label>
        Target
        <input
          value={value.target ?? ''}
          readOnly={readOnly}
          placeholder="203.0.113.7"
          onChange={(e) => patch('target', e.target.value || undefined)}
        />
      </label>
      <label>
        Action contains
        <input
          value={value.action ?? ''}
          readOnly={readOnly}
          placeholder="Block IP"
          onChange={(e) => patch('action', e.target.value || undefined)}
        />
      </label>
      <label>
        Decision
        <select
          value={value.decision ?? ''}
          disabled={readOnly}
          data-testid={`assert-effect-${index}-decision`}
          onChange={(e) =>
            patch(
              'decision',
              DECISIONS.find((d) => d === e.target.value),
            )
          }
        >
          <option value="">any</option>
          {DECISIONS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label className="radio">
        <input
          type="checkbox"
          checked={value.absent ?? false}
          disabled={readOnly}
          onChange={(e) => patch('absent', e.target.checked || undefined)}
        />
        must not happen
      </label>
      {!readOnly && (
        <button type="button" aria-label={`Remove effect ${index + 1}`} onClick={() => onChange(undefined)}>
          Remove
        </button>
      )}
    </div>
  );
}

/** One output assertion: a JSONata predicate on a step's output, or on the run's. */
export function OutputRow(props: {
  index: number;
  value: OutputDraft;
  steps: readonly StepOption[];
  readOnly: boolean;
  onChange(v: OutputDraft | undefined): void;
}) {
  const { index, value, steps, readOnly, onChange } = props;
  return (
    <div className="case-item case-row-fields" data-testid={`assert-output-${index}`}>
      <StepSelect
        label="Output of"
        value={value.step}
        none="the run"
        steps={steps}
        readOnly={readOnly}
        testId={`assert-output-${index}-step`}
        onChange={(step) =>
          onChange(step === undefined ? { matches: value.matches } : { matches: value.matches, step })
        }
      />
      <label>
        Matches (JSONata, <code>$</code> is the output)
        <input
          value={value.matches}
          readOnly={readOnly}
          spellCheck={false}
          placeholder="abuseConfidenceScore > 90"
          data-testid={`assert-output-${index}-matches`}
          onChange={(e) => onChange({ ...value, matches: e.target.value })}
        />
      </label>
      {!readOnly && (
        <button type="button" aria-label={`Remove output check ${index + 1}`} onClick={() => onChange(undefined)}>
          Remove
        </button>
      )}
    </div>
  );
}
