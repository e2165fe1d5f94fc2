import type { ParamsFormProps } from '../contracts';
import { ConditionForm } from './ConditionForm';
import { GeneratedForm } from './GeneratedForm';
import { isRecord, type JsonSchema } from './schema';

type Props = Omit<ParamsFormProps, 'nodeType'> & {
  /** The loop's params schema (with field help), from which `until` is left out: the builder edits it. */
  schema: JsonSchema;
};

const UNTIL = 'params.until';

/**
 * The repeat-until loop's form: its stop condition built like a condition step's (rows of
 * field, operator and value, or JSONata), then the generated fields for when it is checked
 * and the maximum number of rounds.
 */
export function LoopForm({ schema, value, onChange, completions, problems, readOnly = false }: Props) {
  const until = typeof value['until'] === 'string' ? value['until'] : '';
  const { until: _builder, ...rest } = isRecord(schema['properties']) ? schema['properties'] : {};
  const required: unknown[] = Array.isArray(schema['required']) ? schema['required'] : [];
  const others: JsonSchema = { ...schema, properties: rest, required: required.filter((k) => k !== 'until') };
  return (
    <>
      <fieldset className="pf-group">
        <legend>Stop when</legend>
        <ConditionForm
          value={{ predicate: until }}
          onChange={(v) => onChange({ ...value, until: typeof v['predicate'] === 'string' ? v['predicate'] : '' })}
          completions={completions}
          problems={problems.filter((p) => p.path === UNTIL).map((p) => ({ ...p, path: 'params.predicate' }))}
          readOnly={readOnly}
        />
      </fieldset>
      <GeneratedForm
        schema={others}
        base={['params']}
        value={value}
        onChange={onChange}
        completions={completions}
        problems={problems.filter((p) => p.path !== UNTIL)}
        readOnly={readOnly}
        label="Repeat until settings"
        emptyText="Repeat until has no other settings."
      />
    </>
  );
}
