import type { SafetySettings, SettingsChange } from '@autonomic/api';
import { useState } from 'react';
import { formatDate } from '../versions/format';
import { useAsync } from '../versions/useAsync';
import { decideSettingsChange, getSettings, listSettingsChanges, updateSettings } from './api';

const limitText = (v: unknown) => (typeof v === 'number' ? String(v) : 'no limit');

/** "kill switch off, per hour 1 → 5" */
function describe(c: SettingsChange): string {
  const parts: string[] = [];
  if (c.changes.killSwitch !== undefined) parts.push(`kill switch ${c.changes.killSwitch ? 'on' : 'off'}`);
  if (c.changes.autoRollback !== undefined) parts.push(`auto-rollback ${c.changes.autoRollback ? 'on' : 'off'}`);
  const keys: [keyof SafetySettings, string][] = [
    ['maxDestructivePerRun', 'per run'],
    ['maxDestructivePerHour', 'per hour'],
  ];
  for (const [k, label] of keys) {
    if (k in c.changes) parts.push(`${label} ${limitText(c.before[k])} → ${limitText(c.changes[k])}`);
  }
  return parts.join(', ');
}

const parseLimit = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/**
 * A workflow's kill switch and blast-radius limits, and the loosening changes waiting for
 * a second person: tightening applies at once, loosening waits until a reviewer or admin
 * other than the requester approves it.
 */
export function SafetySettingsPanel({ workflowId }: { workflowId: string }) {
  const state = useAsync(async () => {
    const [workflow, { changes }] = await Promise.all([getSettings(workflowId), listSettingsChanges(workflowId)]);
    return { workflow, changes };
  }, workflowId);
  const [perRun, setPerRun] = useState<string>();
  const [perHour, setPerHour] = useState<string>();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const act = async (work: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await work() });
      state.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };
  if (!state.data) return state.error ? <p role="alert">{state.error.message}</p> : null;
  const { workflow, changes } = state.data;
  const pending = changes.filter((c) => c.status === 'pending');
  // Absent from an older server: on is the default.
  const autoRollback = workflow.autoRollback !== false;

  const save = (body: Parameters<typeof updateSettings>[1]) =>
    act(async () => {
      const known = new Set(pending.map((c) => c.id));
      await updateSettings(workflowId, { ...body, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      const { changes: now } = await listSettingsChanges(workflowId);
      return now.some((c) => c.status === 'pending' && !known.has(c.id))
        ? 'This loosens safety: it waits for a reviewer or admin to approve it.'
        : 'Applied.';
    });

  return (
    <section className="safety-settings" aria-labelledby="safety-settings-title" data-testid="safety-settings">
      <h2 id="safety-settings-title">Safety settings</h2>
      <p>
        Kill switch: <strong>{workflow.killSwitch ? 'on' : 'off'}</strong> · destructive actions per run:{' '}
        <strong>{limitText(workflow.maxDestructivePerRun)}</strong> · per hour:{' '}
        <strong>{limitText(workflow.maxDestructivePerHour)}</strong> · auto-rollback:{' '}
        <strong>{autoRollback ? 'on' : 'off'}</strong>
      </p>
      <div className="actions">
        <button type="button" onClick={() => void save({ killSwitch: !workflow.killSwitch })}>
          {workflow.killSwitch ? 'Turn the kill switch off' : 'Turn the kill switch on'}
        </button>
        <button
          type="button"
          title="Republish the previous version when a newly published one burns its error budget fast"
          onClick={() => void save({ autoRollback: !autoRollback })}
        >
          {autoRollback ? 'Turn auto-rollback off' : 'Turn auto-rollback on'}
        </button>
        <label>
          Per run
          <input
            inputMode="numeric"
            value={perRun ?? (workflow.maxDestructivePerRun ?? '').toString()}
            onChange={(e) => setPerRun(e.target.value)}
            aria-label="Destructive actions per run"
          />
        </label>
        <label>
          Per hour
          <input
            inputMode="numeric"
            value={perHour ?? (workflow.maxDestructivePerHour ?? '').toString()}
            onChange={(e) => setPerHour(e.target.value)}
            aria-label="Destructive actions per hour"
          />
        </label>
        <label>
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason" />
        </label>
        <button
          type="button"
          onClick={() =>
            void save({
              maxDestructivePerRun: parseLimit(perRun ?? String(workflow.maxDestructivePerRun ?? '')),
              maxDestructivePerHour: parseLimit(perHour ?? String(workflow.maxDestructivePerHour ?? '')),
            })
          }
        >
          Save limits
        </button>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} data-testid="settings-message">
          {message.text}
        </p>
      )}
      {pending.length > 0 && (
        <ul aria-label="Pending settings changes">
          {pending.map((c) => (
            <li key={c.id} data-testid={`settings-change-${c.id}`}>
              <span className="badge badge-warn">pending review</span> {describe(c)} · asked by {c.requestedBy.username}{' '}
              {formatDate(c.requestedAt)}
              {c.reason && <> · “{c.reason}”</>}
              {c.youMayDecide ? (
                <span className="actions">
                  <button
                    type="button"
                    className="primary"
                    onClick={() =>
                      void act(
                        async () => (
                          await decideSettingsChange(workflowId, c.id, 'approved'),
                          'Approved: in force now.'
                        ),
                      )
                    }
                  >
                    Approve
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() =>
                      void act(async () => (await decideSettingsChange(workflowId, c.id, 'rejected'), 'Rejected.'))
                    }
                  >
                    Reject
                  </button>
                </span>
              ) : (
                <span className="muted"> · a reviewer or admin other than {c.requestedBy.username} decides</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
