import { nodeDefinition } from '@autonomic/workflow';
import { useCallback, useMemo, useRef, type FocusEvent } from 'react';
import { updateInputSchema, updateLabel, updateParams, updateStepSettings } from '../commands';
import { useConnectUi } from '../canvas/connectUi';
import { ParamsForm } from '../panel/ParamsForm';
import { StepSettingsForm, type StepSettingsValue } from '../panel/StepSettingsForm';
import { TriggerSchemaForm } from '../panel/TriggerSchemaForm';
import { useEditor, useEditorStore } from '../store/context';
import { completionsFor } from './completions';
import { ConnectorForm } from './ConnectorForm';
import { DataPicker } from './DataPicker';
import { settingsChange, settingsOf } from './settings';

const NO_PROBLEMS: never[] = [];
const OBJECT_SCHEMA = { type: 'object' };

/** The config panel of the one selected node: label and settings, params form, event schema. */
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
  const connectors = useEditor((s) => s.connectors);
  const openConnect = useConnectUi((s) => s.open);
  // The text field last edited, where the data picker inserts.
  const lastField = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const onFocus = useCallback((e: FocusEvent) => {
    const t = e.target;
    if (t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && t.type === 'text')) lastField.current = t;
  }, []);
  const field = useCallback(() => (lastField.current?.isConnected ? lastField.current : null), []);
  // Recomputed when the wiring, the event schema, vars or the connector catalog change; never on moves.
  const completions = useMemo(() => {
    const g = store.getState().graph();
    return completionsFor({ ...g, edges, vars }, id, connectors);
  }, [store, id, edges, vars, eventSchema, connectors]);
  const onParams = useCallback(
    (params: Record<string, unknown>) => run(updateParams, { id, params }, { coalesce: `params:${id}` }),
    [run, id],
  );
  const onSettings = useCallback(
    (next: StepSettingsValue) => {
      const node = store.getState().nodes.find((n) => n.id === id);
      if (!node) return;
      const { label, ...step } = settingsChange(settingsOf(node.data), next);
      if (label !== undefined) run(updateLabel, { id, label }, { coalesce: `label:${id}` });
      if (Object.keys(step).length > 0) run(updateStepSettings, { id, ...step }, { coalesce: `settings:${id}` });
    },
    [store, run, id],
  );
  if (!data || kind === 'note') return null;
  const def = nodeDefinition(data.nodeType);
  return (
    <section className="node-panel" aria-labelledby="node-panel-title" data-testid="node-panel" onFocus={onFocus}>
      <h2 id="node-panel-title">
        {def?.label ?? data.nodeType} <span className="muted">{id}</span>
      </h2>
      {def && <p className="muted">{def.description}</p>}
      {!readOnly && (
        <p className="node-panel-actions">
          <button
            type="button"
            onClick={() => openConnect(id)}
            title="Connect this step to another, or remove its connections (C on the canvas)"
            data-testid="node-connect"
          >
            Connect…
          </button>
        </p>
      )}
      <StepSettingsForm
        value={settingsOf(data)}
        onChange={onSettings}
        problems={problems}
        readOnly={readOnly}
        defaultLabel={def?.label ?? ''}
        labelOnly={kind === 'trigger'}
      />
      {kind === 'trigger' && (
        <TriggerSchemaForm
          value={data.inputSchema ?? OBJECT_SCHEMA}
          onChange={(inputSchema) => run(updateInputSchema, { id, inputSchema }, { coalesce: `schema:${id}` })}
          readOnly={readOnly}
        />
      )}
      {kind === 'step' && <DataPicker nodeId={id} field={field} />}
      {data.nodeType === 'connector' ? (
        <ConnectorForm
          params={data.params ?? {}}
          onChange={onParams}
          completions={completions}
          problems={problems}
          readOnly={readOnly}
        />
      ) : (
        <ParamsForm
          nodeType={data.nodeType}
          value={data.params ?? {}}
          onChange={onParams}
          completions={completions}
          problems={problems}
          readOnly={readOnly}
        />
      )}
    </section>
  );
}
