import type { SafetySettings, SettingsChange } from '@autonomic/api';
import { formatDate } from '../versions/format';

const limitText = (v: unknown) => (typeof v === 'number' ? String(v) : 'no limit');

/** "kill switch off, per hour 1 → 5" */
export function describeChange(c: SettingsChange): string {
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

interface Props {
  pending: SettingsChange[];
  onDecide(change: SettingsChange, decision: 'approved' | 'rejected'): void;
}

/** Loosening changes waiting for a reviewer or admin other than the one who asked. */
export function PendingChanges({ pending, onDecide }: Props) {
  if (pending.length === 0) return null;
  return (
    <ul aria-label="Pending settings changes">
      {pending.map((c) => (
        <li key={c.id} data-testid={`settings-change-${c.id}`}>
          <span className="badge badge-warn">pending review</span> {describeChange(c)} · asked by{' '}
          {c.requestedBy.username} {formatDate(c.requestedAt)}
          {c.reason && <> · “{c.reason}”</>}
          {c.youMayDecide ? (
            <span className="actions">
              <button type="button" className="primary" onClick={() => onDecide(c, 'approved')}>
                Approve
              </button>
              <button type="button" className="danger" onClick={() => onDecide(c, 'rejected')}>
                Reject
              </button>
            </span>
          ) : (
            <span className="muted"> · a reviewer or admin other than {c.requestedBy.username} decides</span>
          )}
        </li>
      ))}
    </ul>
  );
}
