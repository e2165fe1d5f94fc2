import { useMemo, type MouseEvent } from 'react';
import { useEditor, useEditorStore } from '../store/context';
import { eventTree, upstreamExamples, type DataTreeNode } from './dataTree';
import { insertAtCaret } from './insertAtCaret';

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * The trigger's event (a test case's values, else its declared fields) and the previous
 * steps' example outputs as trees; clicking a value inserts its expression
 * (`{{ event.<path> }}`, `{{ steps.<id>.output.<path> }}`) into the field of the panel
 * that had the focus last.
 */
export function DataPicker({ nodeId, field }: { nodeId: string; field(): Field | null }) {
  const store = useEditorStore();
  const edges = useEditor((s) => s.edges);
  const connectors = useEditor((s) => s.connectors);
  const readOnly = useEditor((s) => s.readOnly);
  const eventSchema = useEditor((s) => s.nodes.find((n) => n.type === 'trigger')?.data.inputSchema);
  const cases = useEditor((s) => s.tests);
  const trees = useMemo(() => {
    const event = eventTree(eventSchema, cases);
    const steps = upstreamExamples({ ...store.getState().graph(), edges }, nodeId, connectors);
    return event ? [event, ...steps] : steps;
  }, [store, edges, nodeId, connectors, eventSchema, cases]);
  if (trees.length === 0 || readOnly) return null;
  const insert = (path: string) => {
    const el = field();
    if (el && !el.readOnly) insertAtCaret(el, `{{ ${path} }}`);
  };
  return (
    <details className="data-picker" data-testid="data-picker">
      <summary>Data from earlier steps</summary>
      <p className="pf-help">Click a value to insert it into the field you were editing.</p>
      <ul role="tree" aria-label="Earlier steps' example outputs">
        {trees.map((t) => (
          <TreeItem key={t.path} node={t} onPick={insert} />
        ))}
      </ul>
    </details>
  );
}

// Keeps the focus (and caret) in the field being edited while a value is clicked.
const keepFocus = (e: MouseEvent) => e.preventDefault();

function TreeItem({ node, onPick }: { node: DataTreeNode; onPick(path: string): void }) {
  return (
    <li role="treeitem" aria-selected={false}>
      <button
        type="button"
        className="data-picker-item"
        onMouseDown={keepFocus}
        onClick={() => onPick(node.path)}
        title={node.path}
      >
        {node.name}
        {node.children === undefined && <span className="muted">: {node.detail ?? JSON.stringify(node.value)}</span>}
      </button>
      {node.children && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((c) => (
            <TreeItem key={c.path} node={c} onPick={onPick} />
          ))}
        </ul>
      )}
    </li>
  );
}
