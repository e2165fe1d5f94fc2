import { nodeDefinition } from '@autonomic/workflow';
import { useCallback, useMemo } from 'react';
import { updateInputSchema, updateParams } from '../commands';
import { ParamsForm } from '../panel/ParamsForm';
import { useEditor, useEditorStore } from '../store/context';
import { completionsFor } from './completions';
import { JsonTextField } from './JsonTextField';
import { LabelField } from './LabelField';
import { StepSettingsFields } from './StepSettingsFields';

const NO_PROBLEMS: never[] = [];

/** The config panel of the one selected node: label, params form, and the type's extra settings. */
export function NodePanel() {
  const id = useEditor((s) => (s.selection.nodes.length === 1 ? (s.selection.nodes[0] ?? null) : null));
  if (!id) return null;
  return <SelectedNodePanel key={id} id={id} />;
}

function SelectedNodePanel({ id }: { id: string }) {
  const store = useEditorStore();
  const data = useEditor((s) => s.nodes.find((n) => n.id === id)?.data);
  const kind = useEditor((s) => s.nodes.find((n) => n.id === id)?.type);
  const problems = useEditor((s) => s.problemsByNode.get(id) ?? NO_PROBLEMS);
  const readOnly = useEditor((s) => s.readOnly);
  const edges = useEditor((s) => s.edges);
  const vars = useEditor((s) => s.vars);
  const eventSchema = useEditor((s) => s.nodes.find((n) => n.type === 'trigger')?.data.inputSchema);
  const run = useEditor((s) => s.run);
  // Recomputed when the wiring, the event schema or vars change; not on moves.
  const completions = useMemo(
    () => completionsFor({ ...store.getState().graph(), edges, vars }, id),
    [store, id, edges, vars, eventSchema],
  );
  const onParams = useCallback(
    (params: Record<string, unknown>) => run(updateParams, { id, params }, { coalesce: `params:${id}` }),
    [run, id],
  );
  if (!data || kind === 'note') return null;
  const def = nodeDefinition(data.nodeType);
  return (
    <section className="node-panel" aria-labelledby="node-panel-title" data-testid="node-panel">
      <h2 id="node-panel-title">
        {def?.label ?? data.nodeType} <span className="muted">{id}</span>
      </h2>
      {def && <p className="muted">{def.description}</p>}
      <LabelField id={id} label={data.label ?? ''} fallback={def?.label ?? ''} />
      {kind === 'trigger' && (
        <JsonTextField
          label="Event schema (JSON Schema)"
          help="The fields expressions read as event.*"
          value={data.inputSchema}
          readOnly={readOnly}
          onCommit={(schema) => run(updateInputSchema, { id, inputSchema: schema ?? { type: 'object' } })}
          testId="event-schema"
        />
      )}
      <ParamsForm
        nodeType={data.nodeType}
        value={data.params ?? {}}
        onChange={onParams}
        completions={completions}
        problems={problems}
        readOnly={readOnly}
      />
      {kind === 'step' && <StepSettingsFields id={id} data={data} />}
    </section>
  );
}
