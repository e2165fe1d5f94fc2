import type { RunDetail } from '@autonomic/api';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAction } from '../versions/useAction';
import { cancelRun, rerunRun } from './api';

/**
 * What the reader may do to this run, and only that: the server's `youMay` (computed by
 * the rules its routes refuse with). Cancelling asks for confirmation first; a re-run
 * opens the new run.
 */
export function RunActions({ run, onCancelled }: { run: RunDetail; onCancelled(): void }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run: act } = useAction<'cancel' | 'start' | 'failed_step'>();
  const failedStep = run.error?.stepKey ?? null;

  const cancel = () =>
    act('cancel', async () => {
      await cancelRun(run.id, 'cancelled from the run page');
      setConfirming(false);
      onCancelled();
    });
  const rerun = (from: 'start' | 'failed_step') =>
    act(from, async () => {
      const { runId } = await rerunRun(run.id, from);
      void navigate(`/runs/${runId}`);
    });

  if (!run.youMay.cancel && !run.youMay.rerun) return null;
  return (
    <div className="run-actions">
      {run.youMay.rerun && (
        <>
          <button
            type="button"
            onClick={() => void rerun('start')}
            disabled={pending !== null}
            data-testid="rerun-start"
          >
            {pending === 'start' ? 'Starting…' : 'Re-run from the start'}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void rerun('failed_step')}
            disabled={pending !== null}
            data-testid="rerun-failed-step"
            title="The steps that succeeded are not performed again: their outputs are reused"
          >
            {pending === 'failed_step'
              ? 'Starting…'
              : failedStep
                ? `Re-run from the failed step (${failedStep})`
                : 'Re-run from the failed step'}
          </button>
        </>
      )}
      {run.youMay.cancel &&
        (confirming ? (
          <span role="group" aria-label="Confirm cancelling" className="confirm">
            <span>Cancel this run? Steps in flight are aborted and it will not continue.</span>
            <button
              type="button"
              className="danger"
              onClick={() => void cancel()}
              disabled={pending !== null}
              data-testid="confirm-cancel"
            >
              {pending === 'cancel' ? 'Cancelling…' : 'Yes, cancel the run'}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={pending !== null}>
              Keep it running
            </button>
          </span>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="cancel-run">
            Cancel run
          </button>
        ))}
      {error && <ApiErrorMessage error={error} />}
    </div>
  );
}
