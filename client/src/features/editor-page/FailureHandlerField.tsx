import { nodeDefinition } from '@autonomic/workflow';
import { useId } from 'react';
import { useEditor } from '../../editor';
import { setOnFailure } from '../../editor/commands';

/**
 * The workflow's exception handler in the details drawer: the step a run continues at
 * when a step fails and nothing handles its failure (`onFailure.continueAt`), or none.
 */
export function FailureHandlerField() {
  const nodes = useEditor((s) => s.nodes);
  const onFailure = useEditor((s) => s.onFailure);
  const readOnly = useEditor((s) => s.readOnly);
  const run = useEditor((s) => s.run);
  const hint = useId();
  const steps = nodes.filter((n) => n.type === 'step');
  const current = onFailure?.continueAt ?? '';
  const missing = current !== '' && !steps.some((n) => n.id === current);
  return (
    <label>
      When a step fails and nothing handles it
      <span className="muted" id={hint}>
        The run continues at this step, which can read the failed step and its error as failure.step and
        failure.error.message. A failure on that path fails the run.
      </span>
      <select
        value={current}
        disabled={readOnly}
        aria-describedby={hint}
        data-testid="meta-on-failure"
        onChange={(e) => run(setOnFailure, { continueAt: e.target.value === '' ? null : e.target.value })}
      >
        <option value="">Fail the run</option>
        {missing && <option value={current}>{current} (no such step)</option>}
        {steps.map((n) => (
          <option key={n.id} value={n.id}>
            Continue at {n.data.label ?? nodeDefinition(n.data.nodeType)?.label ?? n.id} ({n.id})
          </option>
        ))}
      </select>
    </label>
  );
}
