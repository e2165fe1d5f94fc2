import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { connectionProblem, disconnect } from '../commands';
import { connectChoices, titleOf } from '../graph/connections';
import { useEditor, useEditorStore } from '../store/context';
import { Dialog } from '../ui/Dialog';
import { useConnectUi } from './connectUi';

/**
 * Connecting without a mouse (handles cannot take focus): for the selected node, pick one
 * of its outputs and the step it leads to; its connections are listed to remove. Opened by
 * "Connect…" in the node's panel or the C key on the canvas. Every change is an editor
 * command (undoable) and is read out.
 */
export function ConnectDialog() {
  const nodeId = useConnectUi((s) => s.nodeId);
  const close = useConnectUi((s) => s.close);
  const title = useEditor((s) => (nodeId ? titleOf(s, nodeId) : ''));
  return (
    <Dialog title={`Connect ${title}`} open={nodeId !== null} onClose={close} testId="connect-dialog">
      {nodeId && <ConnectForm key={nodeId} nodeId={nodeId} />}
    </Dialog>
  );
}

function ConnectForm({ nodeId }: { nodeId: string }) {
  const store = useEditorStore();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const close = useConnectUi((s) => s.close);
  const announce = useConnectUi((s) => s.announce);
  const choices = useMemo(() => connectChoices({ nodes, edges }, nodeId), [nodes, edges, nodeId]);
  const free = choices.ports.find((p) => p.targets.length === 0) ?? choices.ports[0];
  const [portId, setPortId] = useState(free?.id ?? '');
  const [target, setTarget] = useState(choices.targets[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const ids = useId();
  const first = useRef<HTMLSelectElement>(null);
  // After the dialog's own focus on open (it runs after this child's effect).
  useEffect(() => {
    const frame = window.requestAnimationFrame(() => first.current?.focus());
    return () => window.cancelAnimationFrame(frame);
  }, []);

  const port = choices.ports.find((p) => p.id === portId);
  const replaced = port && !port.multiple ? port.targets.filter((t) => t !== target) : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const args = { source: nodeId, sourceHandle: portId, target };
    const problem = target ? connectionProblem(store.getState().graph(), args) : 'choose the step it leads to';
    if (problem) return setError(`Cannot connect: ${problem}.`);
    if (port?.targets.includes(target)) return setError('These two are connected that way already.');
    if (!store.getState().connect(args)) return setError('Nothing was connected.');
    const g = store.getState();
    const instead = replaced.length ? ` instead of ${replaced.map((t) => titleOf(g, t)).join(', ')}` : '';
    announce(
      `Connected ${titleOf(g, nodeId)}, ${port?.label ?? portId}, to ${titleOf(g, target)}${instead}. Ctrl+Z undoes it.`,
    );
    close();
  };
  const remove = (edgeId: string, text: string) => {
    if (!store.getState().run(disconnect, { edgeIds: [edgeId] })) return;
    setSaid(`Removed ${text}. Ctrl+Z on the canvas undoes it.`);
    announce(`Removed ${text}.`);
  };

  if (choices.ports.length === 0)
    return (
      <>
        <p>This step has no outputs: it ends the run.</p>
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      </>
    );
  return (
    <form onSubmit={submit} className="connect-form">
      <label htmlFor={`${ids}-port`}>Output</label>
      <select
        id={`${ids}-port`}
        ref={first}
        value={portId}
        onChange={(e) => (setPortId(e.target.value), setError(null))}
        data-testid="connect-port"
      >
        {choices.ports.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
            {p.targets.length ? ` (now → ${p.targets.map((t) => titleOf({ nodes }, t)).join(', ')})` : ''}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-target`}>Leads to</label>
      {choices.targets.length === 0 ? (
        <p className="muted">No other step yet: add one from the palette first.</p>
      ) : (
        <select
          id={`${ids}-target`}
          value={target}
          onChange={(e) => (setTarget(e.target.value), setError(null))}
          data-testid="connect-target"
        >
          {choices.targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
      )}
      {replaced.length > 0 && (
        <p className="muted">
          This output leads to one step: connecting replaces its connection to{' '}
          {replaced.map((t) => titleOf({ nodes }, t)).join(', ')}.
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Close
        </button>
        <button type="submit" className="primary" disabled={!target} data-testid="connect-confirm">
          Connect
        </button>
      </div>
      <h3 className="connect-lines-title">Connections of this step</h3>
      {choices.lines.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="connect-lines" data-testid="connect-lines">
          {choices.lines.map((l) => (
            <li key={l.edgeId}>
              <span>{l.text}</span>
              <button type="button" onClick={() => remove(l.edgeId, l.text)} aria-label={`Remove ${l.text}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="muted">
        {said}
      </p>
    </form>
  );
}
