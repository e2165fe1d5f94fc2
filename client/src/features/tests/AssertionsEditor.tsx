import type { EffectAssertion } from '@autonomic/workflow';
import { replaced, withExpect, type ExpectDraft, type StepOption } from './caseDraft';
import { StepListField } from './StepListField';

type EffectDraft = NonNullable<ExpectDraft['effects']>[number];
type OutputDraft = NonNullable<ExpectDraft['outputs']>[number];
type Decision = NonNullable<EffectAssertion['decision']>;

const STATUSES = ['succeeded', 'failed', 'cancelled'] as const;
const DECISIONS: readonly Decision[] = ['would-run', 'refused', 'auto-ok'];

/**
 * What must hold after the case's run; each field set and each list entry is one
 * assertion: the final status, steps reached or not, effects (step, target, decision),
 * outputs (a JSONata predicate on a step's output or the run's), a bound on steps.
 */
export function AssertionsEditor(props: {
  expect: ExpectDraft;
  steps: readonly StepOption[];
  readOnly: boolean;
  onChange(e: ExpectDraft): void;
}) {
  const { expect: e, steps, readOnly, onChange } = props;
  const set = <K extends keyof ExpectDraft>(field: K, value: ExpectDraft[K]) => onChange(withExpect(e, field, value));
  const effects = e.effects ?? [];
  const outputs = e.outputs ?? [];
  return (
    <fieldset className="case-section" data-testid="case-assertions">
      <legend>What must hold</legend>
      <label>
        Final status
        <select
          value={e.status ?? ''}
          disabled={readOnly}
          data-testid="assert-status"
          onChange={(ev) =>
            set(
              'status',
              STATUSES.find((s) => s === ev.target.value),
            )
          }
        >
          <option value="">any (not asserted)</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <StepListField
        title="Steps reached"
        verb="reaches"
        ids={e.reached ?? []}
        steps={steps}
        readOnly={readOnly}
        testId="assert-reached"
        onChange={(ids) => set('reached', ids)}
      />
      <StepListField
        title="Steps not reached"
        verb="does not reach"
        ids={e.notReached ?? []}
        steps={steps}
        readOnly={readOnly}
        testId="assert-not-reached"
        onChange={(ids) => set('notReached', ids)}
      />
      {e.path && (
        <p data-testid="assert-path">
          Exact path: {e.path.join(' → ')}{' '}
          {!readOnly && (
            <button type="button" className="linklike" onClick={() => set('path', undefined)}>
              remove
            </button>
          )}
        </p>
      )}
      <div data-testid="assert-effects">
        <p>Effects</p>
        {effects.map((x, i) => (
          <EffectRow
            key={i}
            index={i}
            value={x}
            steps={steps}
            readOnly={readOnly}
            onChange={(next) => set('effects', replaced(effects, i, next))}
          />
        ))}
        {!readOnly && (
          <button
            type="button"
            data-testid="assert-effects-add"
            onClick={() => set('effects', [...effects, { step: steps[0]?.id ?? '', decision: 'would-run' }])}
          >
            Add effect
          </button>
        )}
      </div>
      <div data-testid="assert-outputs">
        <p>Outputs</p>
        {outputs.map((x, i) => (
          <OutputRow
            key={i}
            index={i}
            value={x}
            steps={steps}
            readOnly={readOnly}
            onChange={(next) => set('outputs', replaced(outputs, i, next))}
          />
        ))}
        {!readOnly && (
          <button
            type="button"
            data-testid="assert-outputs-add"
            onClick={() => set('outputs', [...outputs, { matches: '' }])}
          >
            Add output check
          </button>
        )}
      </div>
      <label>
        At most this many steps <span className="muted">optional</span>
        <input
          type="number"
          min={0}
          value={e.maxSteps ?? ''}
          readOnly={readOnly}
          data-testid="assert-max-steps"
          onChange={(ev) => set('maxSteps', ev.target.value === '' ? undefined : Number(ev.target.value))}
        />
      </label>
    </fieldset>
  );
}

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

function EffectRow(props: {
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

function OutputRow(props: {
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
