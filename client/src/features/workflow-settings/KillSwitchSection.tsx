import { useState } from 'react';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { formatDate } from '../versions/format';
import { useAsync } from '../versions/useAsync';
import { getKillSwitch, listSettingsChanges, updateSettings } from './api';

interface Props {
  workflowId: string;
  /** The owner analyst, a reviewer or an admin. */
  mayChange: boolean;
  /** Bumped by the page after any change, to read the switch again. */
  reloadKey: number;
  onChanged(): void;
}

/**
 * The kill switch: on stops every new run of the workflow at once. Turning it on asks for
 * a reason and a confirmation; turning it off loosens safety, so the server files it for a
 * reviewer or admin other than the requester (listed with the pending changes below).
 */
export function KillSwitchSection({ workflowId, mayChange, reloadKey, onChanged }: Props) {
  const state = useAsync(() => getKillSwitch(workflowId), `${workflowId}:${reloadKey}`);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  if (!state.data) return state.error ? <ApiErrorMessage error={state.error} /> : null;
  const { on, lastChange } = state.data;

  const apply = async (turnOn: boolean) => {
    setConfirming(false);
    setError(null);
    setMessage(null);
    try {
      await updateSettings(workflowId, { killSwitch: turnOn, reason: reason.trim() });
      const { changes } = await listSettingsChanges(workflowId);
      const waiting = !turnOn && changes.some((c) => c.status === 'pending' && c.changes.killSwitch === false);
      setMessage(
        turnOn
          ? 'The kill switch is on: no new run starts.'
          : waiting
            ? 'Turning it off loosens safety: it waits for a reviewer or admin to approve it.'
            : 'The kill switch is off: runs start again.',
      );
      setReason('');
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const ask = () => {
    if (!reason.trim()) {
      setReasonError('Say why: a reason is required to turn the kill switch on or off.');
      return;
    }
    setReasonError(null);
    if (on) void apply(false);
    else setConfirming(true);
  };

  return (
    <section className="settings-section" aria-labelledby="kill-switch-title" data-testid="kill-switch">
      <h2 id="kill-switch-title">Kill switch</h2>
      <p data-testid="kill-switch-state">
        {on ? (
          <>
            <span className="badge badge-danger">On</span> No new run of this workflow starts (webhooks, schedule and
            “Run now” are refused).
          </>
        ) : (
          <>
            <span className="badge">Off</span> Runs start normally.
          </>
        )}
      </p>
      <p className="muted" data-testid="kill-switch-last">
        {lastChange
          ? `Last turned ${lastChange.on ? 'on' : 'off'} by ${lastChange.by ?? 'the system'} on ${formatDate(lastChange.at)}` +
            (lastChange.reason ? `: “${lastChange.reason}”` : '.')
          : 'Never turned on.'}
      </p>
      {mayChange && (
        <div className="settings-form">
          <label htmlFor="kill-switch-reason">Reason (required)</label>
          <input
            id="kill-switch-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'kill-switch-reason-error' : undefined}
          />
          {reasonError && (
            <span className="field-error" id="kill-switch-reason-error">
              {reasonError}
            </span>
          )}
          <button type="button" className={on ? '' : 'danger'} onClick={ask}>
            {on ? 'Turn the kill switch off' : 'Turn the kill switch on'}
          </button>
        </div>
      )}
      {confirming && (
        <div role="alertdialog" aria-label="Confirm the kill switch" className="confirm">
          <p>Turn the kill switch on? No new run of this workflow starts until someone turns it off.</p>
          <button type="button" className="danger" onClick={() => void apply(true)}>
            Yes, turn it on
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {message && <p role="status">{message}</p>}
      {error && <ApiErrorMessage error={error} />}
    </section>
  );
}
