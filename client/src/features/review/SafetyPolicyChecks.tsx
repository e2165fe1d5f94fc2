import type { PolicyViolationView } from '@autonomic/api';
import type { EditorGraph } from '@autonomic/workflow';
import { useState } from 'react';
import { waivePolicy } from '../policies/api';
import { byPolicy } from '../policies/blocking';
import type { PolicyCheckState } from '../policies/usePolicyCheck';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { OverlayCanvas } from '../versions/canvas/OverlayCanvas';
import { useAction } from '../versions/useAction';

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * The review page's "Safety policies" section: each enabled policy the version breaks, per
 * step, with "Show path" drawing the offending path on the version's canvas; the waiver
 * given (who, when, why) or, for an admin, a form to waive the policy for this version with
 * a reason; and a banner while publishing is blocked. `graph`: draw a canvas here (the page
 * has none when the version is the first, with nothing to diff against).
 */
export function SafetyPolicyChecks({
  workflowId,
  number,
  state,
  isAdmin,
  selectedNodeId,
  onSelectNode,
  graph,
}: {
  workflowId: string;
  number: number;
  state: PolicyCheckState;
  isAdmin: boolean;
  selectedNodeId: string | null;
  onSelectNode(id: string): void;
  graph?: EditorGraph | null;
}) {
  const { check, error } = state;
  const show = (v: PolicyViolationView) => {
    state.focus(v);
    onSelectNode(v.nodeId);
  };
  return (
    <section
      className="panel safety-policies"
      data-testid="review-safety-policies"
      aria-labelledby="safety-policies-title"
    >
      <h2 id="safety-policies-title">Safety policies</h2>
      {error && <ApiErrorMessage error={error} />}
      {!check && !error && <p aria-busy="true">Checking the safety policies…</p>}
      {state.blockedBy && (
        <p role="alert" className="policy-blocked" data-testid="policy-blocked">
          {state.blockedBy}
          {isAdmin && ' An admin may waive a policy for this version below, with a reason.'}
        </p>
      )}
      {check && check.violations.length === 0 && (
        <p data-testid="policies-hold">Every enabled safety policy holds for this version.</p>
      )}
      {check &&
        byPolicy(check.violations).map((group) => {
          const [first] = group;
          if (!first) return null;
          return (
            <div key={first.policyId} className="policy-group" data-testid={`policy-check-${first.policyId}`}>
              <h3>{first.policyName}</h3>
              <ul>
                {group.map((v) => (
                  <li key={v.nodeId} data-testid={`policy-violation-${v.policyId}-${v.nodeId}`}>
                    <span className="policy-step">Step {v.nodeId}</span>: {v.message}{' '}
                    {(v.path?.length ?? 0) > 1 && (
                      <button
                        type="button"
                        className="linklike"
                        aria-pressed={selectedNodeId === v.nodeId && state.path !== undefined}
                        onClick={() => show(v)}
                        data-testid={`show-path-${v.policyId}-${v.nodeId}`}
                      >
                        Show path
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              {first.waiver ? (
                <p className="waiver" data-testid={`waiver-${first.policyId}`}>
                  Waived for this version by {first.waiver.waivedBy.username} on {when(first.waiver.waivedAt)}: “
                  {first.waiver.reason}”
                </p>
              ) : (
                isAdmin && (
                  <WaiveForm
                    workflowId={workflowId}
                    number={number}
                    policyId={first.policyId}
                    policyName={first.policyName}
                    onWaived={state.replace}
                  />
                )
              )}
            </div>
          );
        })}
      {graph && state.path && (
        <OverlayCanvas
          graph={graph}
          overlay={{ nodes: {}, path: state.path }}
          selectedNodeId={selectedNodeId}
          onSelectNode={onSelectNode}
          label="The version, with the offending path"
        />
      )}
    </section>
  );
}

/** "Waive for this version…": asks why (required), posts the waiver, shows the fresh check. */
function WaiveForm(props: {
  workflowId: string;
  number: number;
  policyId: string;
  policyName: string;
  onWaived(check: Awaited<ReturnType<typeof waivePolicy>>): void;
}) {
  const { workflowId, number, policyId, policyName, onWaived } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { pending, error, run } = useAction<'waive'>();
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid={`waive-${policyId}`}>
        Waive for this version…
      </button>
    );
  return (
    <form
      className="waive-form"
      aria-label={`Waive “${policyName}” for v${number}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return;
        void run('waive', async () => {
          onWaived(await waivePolicy(workflowId, number, { policyId, reason: reason.trim() }));
          setOpen(false);
        });
      }}
    >
      <label>
        Why may v{number} be published although it breaks “{policyName}”? (required, audited)
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          rows={2}
          maxLength={2000}
          data-testid={`waive-reason-${policyId}`}
        />
      </label>
      {error && <ApiErrorMessage error={error} />}
      <button
        type="submit"
        className="danger"
        disabled={pending !== null || !reason.trim()}
        data-testid={`waive-submit-${policyId}`}
      >
        {pending ? 'Waiving…' : 'Waive for this version'}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
