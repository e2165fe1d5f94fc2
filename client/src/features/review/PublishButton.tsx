import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAction } from '../versions/useAction';
import { publishVersion } from './api';
import { PublishConfirm, type PublishChange } from './PublishConfirm';

/** The server's rule for an override's reason (`PublishBody`): long enough to say why. */
const MIN_REASON = 10;

const failingCredentials = (e: Error | null) => e instanceof ApiError && e.code === 'credential_failing';

/**
 * Publishes an approved version after a confirmation that names the version and what it
 * changes (risk, destructive steps); the server has the last word and its refusal is shown as it
 * is. When it refuses because a credential the version uses failed its health probe, the
 * publisher may publish anyway with a reason (audited). While a safety policy the version breaks
 * has no waiver (`blockedBy` says which), the button is disabled and says why.
 */
export function PublishButton({
  workflowId,
  number,
  onPublished,
  blockedBy = null,
  change,
}: {
  workflowId: string;
  number: number;
  onPublished(): void;
  blockedBy?: string | null;
  /** What the confirmation says the version changes. */
  change?: PublishChange;
}) {
  const { pending, error, run } = useAction<'publish' | 'override'>();
  const [confirming, setConfirming] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const busy = pending !== null;
  const publish = (override?: { reason: string }) =>
    run(override ? 'override' : 'publish', async () => {
      try {
        await publishVersion(workflowId, number, override);
      } catch (e) {
        if (failingCredentials(e instanceof Error ? e : null)) setOverriding(true);
        throw e;
      } finally {
        setConfirming(false);
      }
      onPublished();
    });
  const reasonOk = reason.trim().length >= MIN_REASON;
  return (
    <div>
      <button
        type="button"
        className="primary"
        onClick={() => setConfirming(true)}
        disabled={busy || confirming || blockedBy !== null}
        aria-describedby={blockedBy ? 'publish-blocked' : undefined}
        data-testid="publish-version"
      >
        {pending === 'publish' ? 'Publishing…' : `Publish v${number}`}
      </button>
      {confirming && (
        <PublishConfirm
          number={number}
          change={change}
          busy={busy}
          onConfirm={() => void publish()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {blockedBy && (
        <p id="publish-blocked" className="muted" data-testid="publish-blocked">
          {blockedBy}
        </p>
      )}
      {error && <ApiErrorMessage error={error} />}
      {overriding && (
        <form
          className="publish-override"
          data-testid="publish-override"
          onSubmit={(e) => {
            e.preventDefault();
            if (reasonOk) void publish({ reason: reason.trim() });
          }}
        >
          <label>
            Publish anyway: why must it go out with a failing credential? (audited)
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              minLength={MIN_REASON}
              required
              rows={2}
              data-testid="publish-override-reason"
            />
          </label>
          {!reasonOk && <p className="muted">At least {MIN_REASON} characters.</p>}
          <button type="submit" className="danger" disabled={busy || !reasonOk} data-testid="publish-override-submit">
            {pending === 'override' ? 'Publishing…' : `Publish v${number} anyway`}
          </button>
        </form>
      )}
    </div>
  );
}
