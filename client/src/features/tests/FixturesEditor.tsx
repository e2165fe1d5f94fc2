import { useState } from 'react';
import { AnswerFields } from './AnswerFields';
import {
  fixtureMode,
  replaced,
  withMode,
  without,
  type AnswerDraft,
  type FixtureDraft,
  type FixtureMode,
  type StepOption,
} from './caseDraft';
import { FailureFields } from './FailureFields';
import type { OutputShape } from './outputShape';
import { OutputEditor } from './OutputEditor';

type Fixtures = Record<string, FixtureDraft>;
type By = NonNullable<FixtureDraft['by']>;

const BY: readonly { by: By; label: string }[] = [
  { by: 'call', label: 'each call' },
  { by: 'attempt', label: 'each attempt' },
  { by: 'item', label: 'each for-each item' },
];

/**
 * What the steps that call out answer in the case: an output (a form from the step's
 * output schema), a failure, or a sequence of either (the n-th call / attempt / for-each
 * item gets the n-th answer).
 */
export function FixturesEditor(props: {
  fixtures: Fixtures;
  steps: readonly StepOption[];
  /** The shape of a step's output: a schema for the form, or why it is JSON. */
  shapeOf(stepId: string): OutputShape;
  readOnly: boolean;
  onChange(fixtures: Fixtures): void;
}) {
  const { fixtures, steps, shapeOf, readOnly, onChange } = props;
  const free = steps.filter((s) => !Object.hasOwn(fixtures, s.id));
  const [pick, setPick] = useState('');
  const chosen = free.some((s) => s.id === pick) ? pick : (free[0]?.id ?? '');
  const labelOf = (id: string) => steps.find((s) => s.id === id)?.label ?? id;
  const set = (id: string, f: FixtureDraft) => onChange({ ...fixtures, [id]: f });

  return (
    <fieldset className="case-section" data-testid="case-fixtures">
      <legend>What the outside world answers</legend>
      {steps.length === 0 && <p className="muted">No step calls out (HTTP, connector, sub-workflow).</p>}
      {Object.entries(fixtures).map(([id, f]) => (
        <div key={id} className="case-item" data-testid={`fixture-${id}`}>
          <div className="case-item-head">
            <strong>{labelOf(id)}</strong> <code>{id}</code>
            <select
              aria-label={`What ${id} does`}
              value={fixtureMode(f)}
              disabled={readOnly}
              data-testid={`fixture-mode-${id}`}
              onChange={(e) => set(id, withMode(f, modeOf(e.target.value)))}
            >
              <option value="answers">answers</option>
              <option value="fails">fails</option>
              <option value="sequence">answers in sequence</option>
            </select>
            {!readOnly && (
              <button
                type="button"
                onClick={() => onChange(without(fixtures, id))}
                aria-label={`Remove the fixture of ${id}`}
              >
                Remove
              </button>
            )}
          </div>
          {f.fail ? (
            <FailureFields
              value={f.fail}
              readOnly={readOnly}
              testId={`fixture-${id}-fail`}
              onChange={(fail) => set(id, { fail })}
            />
          ) : f.sequence ? (
            <SequenceFields
              id={id}
              fixture={f}
              shape={shapeOf(id)}
              readOnly={readOnly}
              onChange={(next) => set(id, next)}
            />
          ) : (
            <OutputEditor
              shape={shapeOf(id)}
              value={f.output}
              readOnly={readOnly}
              testId={`fixture-${id}-output`}
              onChange={(output) => set(id, { output })}
            />
          )}
        </div>
      ))}
      {!readOnly && free.length > 0 && (
        <div className="case-add">
          <select
            aria-label="Step to answer for"
            value={chosen}
            onChange={(e) => setPick(e.target.value)}
            data-testid="add-fixture-step"
          >
            {free.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label} ({s.id})
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!chosen}
            onClick={() => set(chosen, { output: {} })}
            data-testid="add-fixture"
          >
            Add fixture
          </button>
        </div>
      )}
    </fieldset>
  );
}

function modeOf(v: string): FixtureMode {
  return v === 'fails' || v === 'sequence' ? v : 'answers';
}

function SequenceFields(props: {
  id: string;
  fixture: FixtureDraft;
  shape: OutputShape;
  readOnly: boolean;
  onChange(f: FixtureDraft): void;
}) {
  const { id, fixture, shape, readOnly, onChange } = props;
  const sequence = fixture.sequence ?? [];
  const by = fixture.by ?? 'call';
  const write = (next: AnswerDraft[] | undefined) =>
    onChange({ sequence: next ?? [{ output: {} }], ...(by === 'call' ? {} : { by }) });
  return (
    <div className="case-sequence">
      <label>
        One answer for
        <select
          value={by}
          disabled={readOnly}
          data-testid={`fixture-${id}-by`}
          onChange={(e) => {
            const next = BY.find((b) => b.by === e.target.value)?.by ?? 'call';
            onChange({ sequence, ...(next === 'call' ? {} : { by: next }) });
          }}
        >
          {BY.map((b) => (
            <option key={b.by} value={b.by}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
      <ol>
        {sequence.map((a, i) => (
          <li key={i}>
            <AnswerFields
              label={`Answer ${i + 1}`}
              value={a}
              shape={shape}
              readOnly={readOnly}
              testId={`fixture-${id}-seq-${i}`}
              onChange={(next) => write(replaced(sequence, i, next))}
            />
            {!readOnly && sequence.length > 1 && (
              <button
                type="button"
                onClick={() => write(replaced(sequence, i, undefined))}
                aria-label={`Remove answer ${i + 1}`}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      <p className="muted">Past the last answer, the last one answers again.</p>
      {!readOnly && (
        <button
          type="button"
          data-testid={`fixture-${id}-seq-add`}
          onClick={() => write([...sequence, sequence[sequence.length - 1] ?? { output: {} }])}
        >
          Add answer
        </button>
      )}
    </div>
  );
}
