import { nodeDefinition, paramsJsonSchema } from '@autonomic/workflow';
import type { ParamsFormProps } from '../contracts';
import { GeneratedForm } from './GeneratedForm';
import { withFieldHelp } from './fieldHelp';
import { asSchema, type JsonSchema } from './schema';
import { WorkflowPicker } from './WorkflowPicker';

type Props = Omit<ParamsFormProps, 'nodeType'>;

/** The sub-workflow's params schema without `workflow`, which this form draws as a pick-list. */
function restSchema(): JsonSchema {
  const def = nodeDefinition('subworkflow');
  const full = def ? withFieldHelp(asSchema(paramsJsonSchema(def)), 'subworkflow') : {};
  const { workflow: _workflow, ...properties } = asSchema(full['properties']);
  const required = Array.isArray(full['required']) ? full['required'].filter((k) => k !== 'workflow') : [];
  return { ...full, properties, required };
}
const REST = restSchema();

/** The sub-workflow step's form: the called workflow from a pick-list, then its input. */
export function SubworkflowForm({ value, onChange, completions, problems, readOnly = false }: Props) {
  const workflow = typeof value['workflow'] === 'string' ? value['workflow'] : '';
  return (
    <>
      <WorkflowPicker
        value={workflow}
        onChange={(ref) => onChange({ ...value, workflow: ref })}
        problems={problems.filter((p) => p.path === 'params.workflow').map((p) => p.message)}
        readOnly={readOnly}
      />
      <GeneratedForm
        schema={REST}
        base={['params']}
        value={value}
        onChange={onChange}
        completions={completions}
        problems={problems.filter((p) => p.path !== 'params.workflow')}
        readOnly={readOnly}
        label="Sub-workflow settings"
        emptyText="Sub-workflow has no other settings."
      />
    </>
  );
}
