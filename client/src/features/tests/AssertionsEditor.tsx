import { EffectRow, OutputRow } from './AssertionRows';
import { replaced, withExpect, type ExpectDraft, type StepOption } from './caseDraft';
import { StepListField } from './StepListField';

const STATUSES = ['succeeded', 'failed', 'cancelled'] as const;

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
