import { useEffect, useId, useMemo, useState } from 'react';
import { FixturesEditor } from '../../forms/fixtures/FixturesEditor';
import type { StepOption } from '../../forms/fixtures/fixtureDraft';
import type { OutputShape } from '../../forms/fixtures/outputShape';
import { JsonView } from '../../forms/JsonView';
import { isJsonObject, type Json, type JsonObject } from '../../forms/jsonValue';
import { useDraftText, type Reading } from '../../forms/useDraftText';
import { ViewSwitch } from '../../forms/ViewSwitch';
import { draftsOf, notInForm, readFixtures, valuesWith } from './simFixtures';

interface Props {
  /** The request's fixtures (step id → what it answers); empty: none. */
  value: JsonObject;
  onChange(value: JsonObject): void;
  /** The version's steps that call out: the pick-list of "Add fixture". */
  steps: readonly StepOption[];
  shapeOf(stepId: string): OutputShape;
  /** Said under the title (a stored case's own fixtures answer when none is given). */
  hint?: string;
  /** Told when the JSON view holds text that is not fixtures (a send must wait), and when it no longer does. */
  onJsonError(error: string | null): void;
}

const format = (v: Json | undefined) =>
  isJsonObject(v) && Object.keys(v).length > 0 ? JSON.stringify(v, null, 2) : '';
const read = (t: string): Reading => readFixtures(t);

/**
 * The simulation's fixtures as forms (the test case's fixture editor: an output from the
 * step's output schema, a failure, or a sequence), with the whole object as JSON for experts.
 */
export function SimFixtures({ value, onChange, steps, shapeOf, hint, onJsonError }: Props) {
  const id = `fx${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [blocked, setBlocked] = useState(false);
  const json = useDraftText(value, format, read, (v) => onChange(isJsonObject(v) ? v : {}));
  const jsonError = mode === 'json' ? json.error : null;
  useEffect(() => onJsonError(jsonError), [jsonError, onJsonError]);
  const drafts = useMemo(() => draftsOf(value, steps), [value, steps]);
  const others = notInForm(value, steps);

  const toForm = () => {
    if (json.error) return setBlocked(true);
    setBlocked(false);
    json.reset();
    setMode('form');
  };

  return (
    <section className="full sim-fixtures" aria-labelledby={`${id}-title`} data-testid="sim-fixtures">
      <div className="sim-fixtures-head">
        <h2 id={`${id}-title`}>Fixtures</h2>
        <ViewSwitch
          label="Fixtures"
          testId="fixtures"
          mode={mode}
          onForm={() => mode === 'json' && toForm()}
          onJson={() => {
            json.reset();
            setMode('json');
          }}
        />
      </div>
      <p className="muted">
        Optional: what a step that calls out answers instead of the connector’s example.{hint ? ` ${hint}` : ''}
      </p>
      {mode === 'form' ? (
        <>
          <FixturesEditor
            fixtures={drafts}
            steps={steps}
            shapeOf={shapeOf}
            readOnly={false}
            onChange={(next) => onChange(valuesWith(value, drafts, next))}
          />
          {others.length > 0 && (
            <p className="muted" data-testid="fixtures-not-in-form">
              Also set in the JSON view (not steps that call out): {others.join(', ')}.
            </p>
          )}
        </>
      ) : (
        <JsonView
          id={`${id}-json`}
          label="Fixtures (JSON: step id → output, or { output }, { fail } or { sequence })"
          text={json.text}
          error={json.error}
          blocked={blocked}
          readOnly={false}
          testId="fixtures-json"
          onChange={json.change}
          onDiscard={() => {
            json.reset();
            setBlocked(false);
            setMode('form');
          }}
        />
      )}
    </section>
  );
}
