import { nodeDefinition, paramsJsonSchema, parseField } from '@autonomic/workflow';
import { useId, useMemo, useState } from 'react';
import type { ParamsFormProps } from '../contracts';
import { ExpressionInput } from './ExpressionInput';
import { Problems } from './FieldShell';
import { GeneratedForm } from './GeneratedForm';
import { withFieldHelp } from './fieldHelp';
import { asSchema, type JsonSchema } from './schema';
import { caseType, retypeCases, typedCasesSchema } from './switchCases';

type Props = Omit<ParamsFormProps, 'nodeType'>;

/** The switch's params schema without `value`, which this form draws as a field picker. */
function casesSchema(): JsonSchema {
  const def = nodeDefinition('switch');
  const full = def ? withFieldHelp(asSchema(paramsJsonSchema(def)), 'switch') : {};
  const { value: _value, ...properties } = asSchema(full['properties']);
  const required = Array.isArray(full['required']) ? full['required'].filter((k) => k !== 'value') : [];
  return { ...full, properties, required };
}
const CASES = casesSchema();

/**
 * The switch step's form: the field it switches on is picked from the trigger schema and
 * upstream outputs (an expression that is not one plain field opens in the JSONata editor,
 * saying why); the cases below are the generated form, each case's value drawn for the
 * field's type (a number, true/false, one of its listed values) and stored with that type.
 */
export function SwitchForm({ value, onChange, completions, problems, readOnly = false }: Props) {
  const source = typeof value['value'] === 'string' ? value['value'] : '';
  const [advanced, setAdvanced] = useState(() => source !== '' && parseField(source) === undefined);
  const [note, setNote] = useState<string | undefined>(advanced ? 'it is not a single field' : undefined);
  const ids = { field: useId(), problems: useId() };
  const messages = problems.filter((p) => p.path === 'params.value').map((p) => p.message);
  const rest = problems.filter((p) => p.path !== 'params.value');
  const fields = completions.filter((c) => !c.path.startsWith('$'));
  const field = parseField(source);
  const type = caseType(completions, field);
  const typeKey = type.kind === 'enum' ? `enum:${JSON.stringify(type.values)}` : type.kind;
  // typeKey stands for type: a new completions list of the same type keeps the schema (and the form) as it is.
  const cases = useMemo(() => typedCasesSchema(CASES, type), [typeKey]);
  /** A newly picked field converts the cases' values to its type ("5" becomes 5 for a number). */
  const set = (v: string) => {
    const next = caseType(completions, parseField(v));
    onChange({ ...value, value: v, cases: retypeCases(value['cases'], next) });
  };

  function toPicker() {
    if (source === '' || field !== undefined) {
      setAdvanced(false);
      setNote(undefined);
    } else setNote('it is not a single field');
  }

  return (
    <>
      <div className="pf-form cb-form" role="group" aria-label="What the switch compares">
        <label className="pf-label" htmlFor={ids.field}>
          Switch on
        </label>
        {advanced && note && (
          <p className="pf-help cb-note" role="status">
            The field picker cannot show this expression: {note}.
          </p>
        )}
        {advanced ? (
          <ExpressionInput
            id={ids.field}
            value={source}
            onChange={set}
            completions={completions}
            describedBy={messages.length > 0 ? ids.problems : undefined}
            invalid={messages.length > 0}
            readOnly={readOnly}
            placeholder="e.g. event.severity"
          />
        ) : (
          <select
            id={ids.field}
            className="pf-input"
            value={field ?? ''}
            disabled={readOnly}
            aria-describedby={messages.length > 0 ? ids.problems : undefined}
            onChange={(e) => set(e.target.value)}
          >
            <option value="" disabled>
              Pick a field…
            </option>
            {field !== undefined && !fields.some((f) => f.path === field) && <option value={field}>{field}</option>}
            {fields.map((f) => (
              <option key={f.path} value={f.path}>
                {f.path}
                {f.detail ? ` (${f.detail})` : ''}
              </option>
            ))}
          </select>
        )}
        <Problems id={ids.problems} messages={messages} />
        <button
          type="button"
          className="pf-small"
          disabled={readOnly}
          onClick={() => (advanced ? toPicker() : setAdvanced(true))}
        >
          {advanced ? 'Pick a field' : 'Edit as JSONata'}
        </button>
      </div>
      <GeneratedForm
        schema={cases}
        base={['params']}
        value={value}
        onChange={onChange}
        completions={completions}
        problems={rest}
        readOnly={readOnly}
        label="Switch cases"
        emptyText="Switch has no cases."
      />
    </>
  );
}
