import type { SafetyPolicyView } from '@autonomic/api';
import { useState } from 'react';
import { ruleSummary } from './ruleSummary';

interface Props {
  policy: SafetyPolicyView;
  canManage: boolean;
  onToggle(enabled: boolean, reason: string): Promise<void>;
  onEdit(): void;
  onDelete(): Promise<void>;
}

/**
 * One policy: name, description, its rule in words, who changed it last; for an admin the
 * enabled switch (which asks why: the change is audited), edit, and delete for a policy an
 * admin added (after a confirmation; a built-in one can only be switched off).
 */
export function PolicyCard({ policy: p, canManage, onToggle, onEdit, onDelete }: Props) {
  const [asking, setAsking] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    if (asking === null || !reason.trim()) return;
    setBusy(true);
    try {
      await onToggle(asking, reason.trim());
      setAsking(null);
      setReason('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={p.enabled ? 'policy-card' : 'policy-card is-off'} data-testid={`policy-${p.id}`}>
      <div className="policy-card-head">
        <h2 id={`policy-title-${p.id}`}>{p.name}</h2>
        {p.builtIn && <span className="badge">built in</span>}
        {canManage ? (
          <label className="inline">
            <input
              type="checkbox"
              role="switch"
              checked={p.enabled}
              disabled={asking !== null}
              onChange={(e) => setAsking(e.target.checked)}
              aria-describedby={`policy-title-${p.id}`}
            />{' '}
            Enabled
          </label>
        ) : (
          <span className="badge" data-testid={`policy-state-${p.id}`}>
            {p.enabled ? 'enabled' : 'off'}
          </span>
        )}
      </div>
      {p.description && <p>{p.description}</p>}
      <p className="rule-summary" data-testid={`policy-summary-${p.id}`}>
        {ruleSummary(p.rule)}
      </p>
      <p className="muted">
        <code>{p.id}</code> · changed {new Date(p.updatedAt).toLocaleString()}
        {p.updatedBy ? ` by ${p.updatedBy.username}` : ''}
      </p>
      {asking !== null && (
        <form
          className="reason-form"
          aria-label={`${asking ? 'Switch on' : 'Switch off'} ${p.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void toggle();
          }}
        >
          <label>
            Why switch “{p.name}” {asking ? 'on' : 'off'}? (required, audited)
            <textarea value={reason} required rows={2} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy || !reason.trim()}>
            {asking ? 'Switch on' : 'Switch off'}
          </button>{' '}
          <button type="button" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </form>
      )}
      {canManage && asking === null && (
        <div className="policy-actions">
          {confirming ? (
            <span role="group" aria-label={`Delete ${p.name}?`}>
              Delete “{p.name}”?{' '}
              <button type="button" className="danger" onClick={() => void onDelete()}>
                Yes, delete
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <>
              <button type="button" onClick={onEdit} aria-label={`Edit ${p.name}`}>
                Edit
              </button>
              {!p.builtIn && (
                <button type="button" onClick={() => setConfirming(true)} aria-label={`Delete ${p.name}`}>
                  Delete
                </button>
              )}
            </>
          )}
        </div>
      )}
    </li>
  );
}
