import { WORKFLOW_NODE, type Problem } from '@autonomic/workflow';
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditor, useEditorStore } from '../store/context';
import { NODE_SIZE } from '../types';

/**
 * The validator's problems for the whole graph. A click selects the node and centres it;
 * a workflow-level problem (metadata, a missing trigger) calls `onWorkflowProblem`.
 */
export function ProblemsList({ onWorkflowProblem }: { onWorkflowProblem?(p: Problem): void }) {
  const store = useEditorStore();
  const problems = useEditor((s) => s.problems);
  const warnings = useEditor((s) => s.warnings);
  const { setCenter, getZoom } = useReactFlow();

  const reveal = useCallback(
    (p: Problem) => {
      const node = store.getState().nodes.find((n) => n.id === p.nodeId);
      if (!node) {
        onWorkflowProblem?.(p);
        return;
      }
      store.getState().select({ nodes: [node.id] });
      const w = node.measured?.width ?? NODE_SIZE.width;
      const h = node.measured?.height ?? NODE_SIZE.height;
      void setCenter(node.position.x + w / 2, node.position.y + h / 2, {
        zoom: Math.max(getZoom(), 0.8),
        duration: 250,
      });
    },
    [store, setCenter, getZoom, onWorkflowProblem],
  );

  const labelOf = (id: string) => {
    if (id === WORKFLOW_NODE) return 'Workflow';
    const node = store.getState().nodes.find((n) => n.id === id);
    return node ? `${node.data.label || node.data.nodeType} (${id})` : id;
  };

  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        Problems <span className="badge">{problems.length}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="muted" data-testid="problems-list">
          No problems: this version can be sent for review.
        </p>
      ) : (
        <ul data-testid="problems-list">
          {problems.map((p, i) => (
            <li key={`${p.nodeId}-${p.path}-${i}`}>
              <button
                type="button"
                className="problem-item"
                onClick={() => reveal(p)}
                data-testid={`problem-${p.nodeId}`}
              >
                <span className="problem-where">
                  {labelOf(p.nodeId)}
                  {p.path && <span className="problem-path"> · {p.path}</span>}
                </span>
                <span>{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul data-testid="warnings-list" aria-label="Warnings">
          {warnings.map((p, i) => (
            <li key={`${p.nodeId}-${p.path}-${i}`}>
              <button
                type="button"
                className="problem-item problem-warning"
                onClick={() => reveal(p)}
                data-testid={`warning-${p.nodeId}`}
              >
                <span className="problem-where">
                  Warning · {labelOf(p.nodeId)}
                  {p.path && <span className="problem-path"> · {p.path}</span>}
                </span>
                <span>{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
