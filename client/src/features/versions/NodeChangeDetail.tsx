import type { EditorGraph } from '@autonomic/workflow';
import type { PortChange, WorkflowDiff } from '@autonomic/api';

type Target = WorkflowDiff['steps']['added'][number]['target'];

const targetText = (t: Target) => (t ? `${t.kind} ${t.value || '—'}` : 'none');

/** ", on ip {{ event.ip }}": the target an action declares, for an added or removed step. */
function On({ target }: { target: Target }) {
  if (!target) return null;
  return (
    <>
      , on <code data-testid="node-target">{targetText(target)}</code>
    </>
  );
}
import { AddedSettings } from './AddedSettings';
import { formatValue } from './format';
import { ValueChanges } from './ValueChanges';

function Transitions({ ports }: { ports: readonly PortChange[] }) {
  if (ports.length === 0) return null;
  return (
    <ul className="value-changes">
      {ports.map((p) => (
        <li key={p.port}>
          port <code>{p.port}</code>
          {p.added.length > 0 && <ins> + {p.added.join(', ')}</ins>}
          {p.removed.length > 0 && <del> − {p.removed.join(', ')}</del>}
        </li>
      ))}
    </ul>
  );
}

/**
 * What changed in one node between the two versions, for the side panel. An added node (and
 * the trigger of a first version, `firstVersion`) lists its settings from `toGraph`.
 */
export function NodeChangeDetail({
  diff,
  nodeId,
  toGraph,
  firstVersion = false,
}: {
  diff: WorkflowDiff;
  nodeId: string;
  toGraph?: EditorGraph;
  firstVersion?: boolean;
}) {
  const node = toGraph?.nodes.find((n) => n.id === nodeId);
  const added = diff.steps.added.find((s) => s.id === nodeId);
  if (added) {
    return (
      <div>
        <p>
          <strong>Added</strong> {added.type} step, effect <code>{added.effect}</code>
          <On target={added.target} />.
        </p>
        <AddedSettings node={node} />
      </div>
    );
  }
  if (firstVersion && node?.data.nodeType.startsWith('trigger.')) {
    return (
      <div>
        <p>
          <strong>Added</strong> {node.data.nodeType} trigger.
        </p>
        <AddedSettings node={node} />
      </div>
    );
  }
  const removed = diff.steps.removed.find((s) => s.id === nodeId);
  if (removed) {
    return (
      <p>
        <strong>Removed</strong> {removed.type} step “{removed.label}”, effect <code>{removed.effect}</code>
        <On target={removed.target} />.
      </p>
    );
  }
  const c = diff.steps.changed.find((s) => s.id === nodeId);
  const pin = diff.connectors.find((x) => x.stepId === nodeId);
  if (c) {
    return (
      <div>
        {pin && (
          <p data-testid="node-connector-pin">
            connector: <del>{`${pin.connector.before} ${pin.version.before}`}</del> →{' '}
            <ins>{`${pin.connector.after} ${pin.version.after}`}</ins>
            {pin.highRisk ? ' (high risk: see Connector upgrades)' : ' (same effect and target)'}
          </p>
        )}
        {c.type && (
          <p>
            type: <del>{c.type.before}</del> → <ins>{c.type.after}</ins>
          </p>
        )}
        {c.label && (
          <p>
            label: <del>{c.label.before}</del> → <ins>{c.label.after}</ins>
          </p>
        )}
        {(c.before.target || c.after.target) && (
          <p data-testid="node-target">
            target:{' '}
            {targetText(c.before.target) === targetText(c.after.target) ? (
              <code>{targetText(c.after.target)}</code>
            ) : (
              <>
                <del>{targetText(c.before.target)}</del> → <ins>{targetText(c.after.target)}</ins>
              </>
            )}
          </p>
        )}
        {c.before.effect !== c.after.effect && (
          <p>
            effect: <del>{c.before.effect}</del> → <ins>{c.after.effect}</ins>
          </p>
        )}
        <ValueChanges changes={c.params} />
        <ValueChanges changes={c.retry} prefix="retry." />
        {c.timeout && (
          <p>
            timeout: <del>{formatValue(c.timeout.before)}</del> → <ins>{formatValue(c.timeout.after)}</ins>
          </p>
        )}
        <Transitions ports={c.transitions} />
      </div>
    );
  }
  const t = diff.trigger;
  if (t && (t.id?.after === nodeId || t.id?.before === nodeId || !t.id)) {
    return (
      <div>
        {t.type && (
          <p>
            type: <del>{t.type.before}</del> → <ins>{t.type.after}</ins>
          </p>
        )}
        {t.label && (
          <p>
            label: <del>{t.label.before}</del> → <ins>{t.label.after}</ins>
          </p>
        )}
        <ValueChanges changes={t.params} />
        <ValueChanges changes={t.inputSchema} prefix="inputSchema." />
        <Transitions ports={t.transitions} />
      </div>
    );
  }
  return <p className="muted">No change in this node.</p>;
}
