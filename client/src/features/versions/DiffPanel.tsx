import type { EditorGraph } from '@autonomic/workflow';
import type { WorkflowDiff } from '@autonomic/api';
import type { ReactNode } from 'react';
import { NodeChangeDetail } from './NodeChangeDetail';
import { ValueChanges } from './ValueChanges';

interface Props {
  diff: WorkflowDiff;
  triggerId: string | null;
  /** The newer side, whose added nodes' settings are listed. */
  toGraph?: EditorGraph;
  /** Compared with nothing (a first version): the trigger is added, not changed. */
  firstVersion?: boolean;
  selectedNodeId: string | null;
  onSelectNode(id: string): void;
  /** Shown under the selected node's changes (the review page puts the node's thread here). */
  children?: ReactNode;
}

function CaseNames({ title, names }: { title: string; names: readonly string[] }) {
  if (names.length === 0) return null;
  return (
    <p>
      {title}:{' '}
      {names.map((n, i) => (
        <span key={n}>
          {i > 0 && ', '}“{n}”
        </span>
      ))}
    </p>
  );
}

function ChangeButton({
  id,
  label,
  kind,
  onSelect,
  selected,
}: {
  id: string;
  label: string;
  kind: string;
  onSelect(id: string): void;
  selected: boolean;
}) {
  return (
    <li>
      <button
        type="button"
        className={`change-item change-${kind}`}
        aria-pressed={selected}
        data-testid={`diff-change-${id}`}
        onClick={() => onSelect(id)}
      >
        <span className={`dot dot-${kind}`} aria-hidden="true" /> {label} <span className="muted">({kind})</span>
      </button>
    </li>
  );
}

/** The changes of a diff as a list (each selects its node) and the selected node's param diff. */
export function DiffPanel({
  diff,
  triggerId,
  toGraph,
  firstVersion = false,
  selectedNodeId,
  onSelectNode,
  children,
}: Props) {
  const items = [
    ...diff.steps.added.map((s) => ({ id: s.id, label: s.label || s.id, kind: 'added' })),
    ...diff.steps.changed.map((s) => ({ id: s.id, label: s.after.label || s.id, kind: 'changed' })),
    ...diff.steps.removed.map((s) => ({ id: s.id, label: s.label || s.id, kind: 'removed' })),
  ];
  const triggerNode = diff.trigger?.id?.after ?? triggerId;
  if (firstVersion && triggerId) items.unshift({ id: triggerId, label: 'Trigger', kind: 'added' });
  else if (diff.trigger && triggerNode) items.unshift({ id: triggerNode, label: 'Trigger', kind: 'changed' });
  return (
    <aside className="diff-panel" data-testid="diff-panel" aria-label="Changes">
      <h2>Changes</h2>
      {diff.isEmpty && <p>No change in the logic (layout only).</p>}
      <ul className="change-list">
        {items.map((i) => (
          <ChangeButton key={`${i.kind}-${i.id}`} {...i} onSelect={onSelectNode} selected={i.id === selectedNodeId} />
        ))}
      </ul>
      {diff.vars.length > 0 && (
        <section>
          <h3>Variables</h3>
          <ValueChanges changes={diff.vars} prefix="vars." />
        </section>
      )}
      {diff.metadata.length > 0 && (
        <section>
          <h3>Metadata</h3>
          <ValueChanges changes={diff.metadata} />
        </section>
      )}
      {diff.tests.changed && (
        <section data-testid="diff-tests">
          <h3>Test cases</h3>
          <p className="muted">
            {diff.tests.before} → {diff.tests.after} case{diff.tests.after === 1 ? '' : 's'}
          </p>
          <CaseNames title="Added" names={diff.tests.added} />
          <CaseNames title="Removed" names={diff.tests.removed} />
          <CaseNames title="Modified" names={diff.tests.modified} />
        </section>
      )}
      {selectedNodeId && (
        <section data-testid="node-change-detail">
          <h3>
            Node <code>{selectedNodeId}</code>
          </h3>
          <NodeChangeDetail
            diff={diff}
            nodeId={selectedNodeId}
            {...(toGraph ? { toGraph } : {})}
            firstVersion={firstVersion}
          />
          {children}
        </section>
      )}
    </aside>
  );
}
