import { WORKFLOW_NODE, type PolicyViolation, type Problem } from '@autonomic/workflow';
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { pathWords } from '../panel/problems';
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
  const violations = useEditor((s) => s.violations);
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
  // A violation reveals its step like a problem, and the canvas draws its offending path.
  const revealViolation = useCallback(
    (v: PolicyViolation) => {
      store.getState().focusViolation(v);
      reveal({ nodeId: v.nodeId, path: '', message: v.message });
    },
    [store, reveal],
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
            <ProblemRow key={`${p.nodeId}-${p.path}-${i}`} problem={p} where={labelOf(p.nodeId)} onReveal={reveal} />
          ))}
        </ul>
      )}
      {violations.length > 0 && (
        <>
          <h3 id="policy-violations-title">
            Safety policies <span className="badge">{violations.length}</span>
          </h3>
          <p className="muted">Publishing waits until each is fixed or an admin waives it for the version.</p>
          <ul data-testid="policy-violations" aria-labelledby="policy-violations-title">
            {violations.map((v) => (
              <li key={`${v.policyId}-${v.nodeId}`}>
                <button
                  type="button"
                  className="problem-item problem-policy"
                  onClick={() => revealViolation(v)}
                  data-testid={`policy-violation-${v.policyId}-${v.nodeId}`}
                >
                  <span className="problem-where">
                    {v.policyName} · {labelOf(v.nodeId)}
                  </span>
                  <span>{v.message}</span>
                  {(v.path?.length ?? 0) > 1 && <span className="muted"> Select to see the path on the canvas.</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {warnings.length > 0 && (
        <ul data-testid="warnings-list" aria-label="Warnings">
          {warnings.map((p, i) => (
            <ProblemRow
              key={`${p.nodeId}-${p.path}-${i}`}
              problem={p}
              where={`Warning · ${labelOf(p.nodeId)}`}
              onReveal={reveal}
              warning
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One entry of the list: where it is (node and path) and what; a click reveals the node. */
function ProblemRow(props: { problem: Problem; where: string; onReveal(p: Problem): void; warning?: boolean }) {
  const { problem: p, where, onReveal, warning = false } = props;
  return (
    <li>
      <button
        type="button"
        className={warning ? 'problem-item problem-warning' : 'problem-item'}
        onClick={() => onReveal(p)}
        data-testid={`${warning ? 'warning' : 'problem'}-${p.nodeId}`}
      >
        <span className="problem-where">
          {where}
          {p.path && <span className="problem-path"> · {pathWords(p.path)}</span>}
        </span>
        <span>{p.message}</span>
      </button>
    </li>
  );
}
