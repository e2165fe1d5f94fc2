import { nodeDefinition, paramsJsonSchema } from '@autonomic/workflow';
import type { ParamsFormProps } from '../contracts';
import { ConditionForm } from './ConditionForm';
import { GeneratedForm } from './GeneratedForm';
import { LoopForm } from './LoopForm';
import { SubworkflowForm } from './SubworkflowForm';
import { SwitchForm } from './SwitchForm';
import type { Path } from './problems';
import { withFieldHelp } from './fieldHelp';
import { asSchema, type JsonSchema } from './schema';

const BASE: Path = ['params'];
const schemas = new Map<string, JsonSchema | undefined>();

/** The params JSON Schema of a node type, converted once per type. */
function schemaFor(nodeType: string): JsonSchema | undefined {
  if (!schemas.has(nodeType)) {
    const def = nodeDefinition(nodeType);
    schemas.set(nodeType, def ? withFieldHelp(asSchema(paramsJsonSchema(def)), nodeType) : undefined);
  }
  return schemas.get(nodeType);
}

/**
 * The config form of a node, generated from its type's params schema (workflow/): a field
 * per property, chosen by shape and `widget`, with inline help, the validator's problems
 * under their fields (`params.url`), and completion in expression and template fields.
 */
export function ParamsForm({ nodeType, value, onChange, completions, problems, readOnly = false }: ParamsFormProps) {
  const schema = schemaFor(nodeType);
  const def = nodeDefinition(nodeType);
  if (!schema || !def)
    return (
      <p role="alert" className="pf-problem">
        Unknown node type “{nodeType}”: no settings to show.
      </p>
    );
  // A condition is built from rows of field, operator and value; its JSONata is generated.
  if (nodeType === 'condition')
    return (
      <ConditionForm
        value={value}
        onChange={onChange}
        completions={completions}
        problems={problems}
        readOnly={readOnly}
      />
    );
  if (nodeType === 'loop')
    return (
      <LoopForm
        schema={schema}
        value={value}
        onChange={onChange}
        completions={completions}
        problems={problems}
        readOnly={readOnly}
      />
    );
  if (nodeType === 'switch')
    return (
      <SwitchForm value={value} onChange={onChange} completions={completions} problems={problems} readOnly={readOnly} />
    );
  if (nodeType === 'subworkflow')
    return (
      <SubworkflowForm
        value={value}
        onChange={onChange}
        completions={completions}
        problems={problems}
        readOnly={readOnly}
      />
    );
  return (
    <GeneratedForm
      schema={schema}
      base={BASE}
      value={value}
      onChange={onChange}
      completions={completions}
      problems={problems}
      readOnly={readOnly}
      label={`${def.label} settings`}
      emptyText={`${def.label} has no settings.`}
    />
  );
}
