import { useEffect, useId, useMemo, useState } from 'react';
import { problemsOf } from './checkValue';
import type { FieldContext } from './fieldContext';
import { FieldList } from './FieldList';
import { JsonView } from './JsonView';
import { parseJsonText, setAt, type Json } from './jsonValue';
import { fieldsOf } from './schemaFields';
import { unplacedErrors } from './unplacedErrors';
import { useDraftText, type Reading } from './useDraftText';
import { ViewSwitch } from './ViewSwitch';
import './forms.css';

export interface SchemaFormProps {
  /** The JSON Schema the fields come from (a trigger's input schema, an action's response). */
  schema: unknown;
  value: Json | undefined;
  /** Called with the whole new value at each edit (in the JSON view: each text that is JSON). */
  onChange(value: Json | undefined): void;
  /** What the value is ("Event", "Output"): the JSON view is "<label> (JSON)". */
  label: string;
  /** Prefix of the `data-testid`s; the JSON text box is `<testId>-json` unless `jsonTestId` says otherwise. */
  testId: string;
  jsonTestId?: string;
  /** Messages from elsewhere (the server's refusal), by dotted path; shown before the form's own. */
  errors?: ReadonlyMap<string, string>;
  /**
   * Show the fields' own problems (required, not a number, wrong format): after a send was
   * tried, or always where the value is a draft kept as it is (a test case). Shown on leaving
   * a field instead, they would move the button being clicked from under the pointer.
   */
  showAllProblems?: boolean;
  readOnly?: boolean;
  /** Said in the form view when the schema declares no field. */
  noFields?: string;
  /** Told when the JSON view holds text that is not JSON (a send must wait), and when it no longer does. */
  onJsonError?(error: string | null): void;
}

const readJson = (t: string): Reading => {
  const p = parseJsonText(t);
  return p.ok ? p : { ok: false, error: p.error };
};
const pretty = (v: Json | undefined) => JSON.stringify(v ?? {}, null, 2);

/**
 * A form generated from a JSON Schema, with a JSON view for experts that round-trips
 * both ways. Values are typed as the schema says (a number field writes a number);
 * each field shows its problem in words at the field (see `showAllProblems`), and the server's.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { schema, value, onChange, label, testId, errors, showAllProblems = false, readOnly = false } = props;
  const idPrefix = `sf${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const fields = useMemo(() => fieldsOf(schema), [schema]);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [blocked, setBlocked] = useState(false);
  const json = useDraftText(value, pretty, readJson, (v) => onChange(v ?? {}));
  const jsonError = mode === 'json' ? json.error : null;
  const { onJsonError } = props;
  useEffect(() => onJsonError?.(jsonError), [jsonError, onJsonError]);

  const shown = useMemo(() => {
    const out = new Map<string, string>();
    if (showAllProblems) for (const [path, m] of problemsOf(fields, value)) out.set(path, m);
    for (const [path, m] of errors ?? []) out.set(path, m);
    return out;
  }, [fields, value, showAllProblems, errors]);

  const ctx: FieldContext = {
    idPrefix,
    testId,
    value,
    errors: shown,
    readOnly,
    set: (path, next) => onChange(setAt(value, path, next)),
  };

  const toForm = () => {
    if (json.error) return setBlocked(true);
    setBlocked(false);
    json.reset();
    setMode('form');
  };
  const toJson = () => {
    json.reset();
    setMode('json');
  };
  const unplaced = unplacedErrors(fields, value, errors, mode === 'json');

  return (
    <div className="schema-form" data-testid={testId}>
      <ViewSwitch
        label={label}
        testId={testId}
        mode={mode}
        onForm={() => mode === 'json' && toForm()}
        onJson={() => mode === 'form' && toJson()}
      />
      {mode === 'form' ? (
        fields.length > 0 ? (
          <FieldList fields={fields} at={[]} ctx={ctx} />
        ) : (
          <p className="muted">{props.noFields ?? 'The schema declares no fields: use the JSON view.'}</p>
        )
      ) : (
        <JsonView
          id={`${idPrefix}-json`}
          label={`${label} (JSON)`}
          text={json.text}
          error={json.error}
          blocked={blocked}
          readOnly={readOnly}
          testId={props.jsonTestId ?? `${testId}-json`}
          onChange={json.change}
          onDiscard={() => {
            json.reset();
            setBlocked(false);
            setMode('form');
          }}
        />
      )}
      {unplaced.length > 0 && (
        <ul role="alert" className="field-error" data-testid={`${testId}-errors`}>
          {unplaced.map(([path, m]) => (
            <li key={path}>{path ? `The field “${path}” ${m}` : `The ${label.toLowerCase()} ${m}`}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
