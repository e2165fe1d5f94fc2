import type { SettingsChange } from '@autonomic/api';
import { useState } from 'react';
import { fieldErrorsOf } from '../../api/problems';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAsync } from '../versions/useAsync';
import { decideSettingsChange, getSettings, listSettingsChanges, updateSettings } from './api';
import { LIMIT_FIELDS, parseWhole, serverFieldErrors, type LimitField } from './limitFields';
import { PendingChanges } from './PendingChanges';

const limitText = (v: number | null | undefined) => (typeof v === 'number' ? String(v) : 'no limit');

interface Props {
  workflowId: string;
  /** The owner analyst or an admin: may edit the limits (others read them). @default true */
  mayChange?: boolean;
  reloadKey?: number;
  onChanged?: () => void;
}

/**
 * Blast-radius limits, the time-saved baseline and auto-rollback, with the loosening
 * changes waiting for a second person: tightening applies at once, loosening waits until
 * a reviewer or admin other than the requester approves it. A bad value is told at its
 * field, in words.
 */
export function SafetySettingsPanel({ workflowId, mayChange = true, reloadKey = 0, onChanged }: Props) {
  const state = useAsync(async () => {
    const [workflow, { changes }] = await Promise.all([getSettings(workflowId), listSettingsChanges(workflowId)]);
    return { workflow, changes };
  }, `${workflowId}:${reloadKey}`);
  const [texts, setTexts] = useState<Partial<Record<LimitField, string>>>({});
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<LimitField, string>>>({});
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const act = async (work: () => Promise<string>) => {
    setMessage(null);
    setError(null);
    try {
      setMessage(await work());
      state.reload();
      onChanged?.();
    } catch (e) {
      const byField = serverFieldErrors(fieldErrorsOf(e));
      setFieldErrors(byField);
      if (Object.keys(byField).length === 0) setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  if (!state.data) return state.error ? <ApiErrorMessage error={state.error} /> : null;
  const { workflow, changes } = state.data;
  const pending = changes.filter((c) => c.status === 'pending');
  // Absent from an older server: on is the default.
  const autoRollback = workflow.autoRollback !== false;
  const textOf = (key: LimitField) => texts[key] ?? (workflow[key] ?? '').toString();

  const save = (body: Parameters<typeof updateSettings>[1]) =>
    act(async () => {
      const known = new Set(pending.map((c) => c.id));
      await updateSettings(workflowId, { ...body, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      const { changes: now } = await listSettingsChanges(workflowId);
      return now.some((c) => c.status === 'pending' && !known.has(c.id))
        ? 'This loosens safety: it waits for a reviewer or admin to approve it.'
        : 'Applied.';
    });

  const saveLimits = () => {
    const body: Partial<Record<LimitField, number | null>> = {};
    const errors: Partial<Record<LimitField, string>> = {};
    for (const f of LIMIT_FIELDS) {
      const parsed = parseWhole(textOf(f.key), f.max, f.empty);
      if (parsed.ok) body[f.key] = parsed.value;
      else errors[f.key] = parsed.message;
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length === 0) void save(body);
  };

  const decide = (c: SettingsChange, decision: 'approved' | 'rejected') =>
    void act(async () => {
      await decideSettingsChange(workflowId, c.id, decision);
      return decision === 'approved' ? 'Approved: in force now.' : 'Rejected.';
    });

  return (
    <section className="settings-section" aria-labelledby="safety-settings-title" data-testid="safety-settings">
      <h2 id="safety-settings-title">Blast-radius limits</h2>
      <p>
        Destructive actions per run: <strong>{limitText(workflow.maxDestructivePerRun)}</strong> · per hour:{' '}
        <strong>{limitText(workflow.maxDestructivePerHour)}</strong> · baseline:{' '}
        <strong>{workflow.manualBaselineMinutes === null ? 'not set' : `${workflow.manualBaselineMinutes} min`}</strong>{' '}
        · auto-rollback: <strong>{autoRollback ? 'on' : 'off'}</strong>
      </p>
      {mayChange && (
        <div className="settings-form">
          {LIMIT_FIELDS.map((f) => (
            <div className="settings-field" key={f.key}>
              <label htmlFor={`limit-${f.key}`}>{f.label}</label>
              <input
                id={`limit-${f.key}`}
                inputMode="numeric"
                value={textOf(f.key)}
                placeholder={f.empty}
                onChange={(e) => setTexts((t) => ({ ...t, [f.key]: e.target.value }))}
                aria-invalid={fieldErrors[f.key] ? true : undefined}
                aria-describedby={fieldErrors[f.key] ? `limit-${f.key}-error` : undefined}
              />
              {fieldErrors[f.key] && (
                <span className="field-error" id={`limit-${f.key}-error`} data-testid={`field-error-${f.key}`}>
                  {fieldErrors[f.key]}
                </span>
              )}
            </div>
          ))}
          <div className="settings-field">
            <label htmlFor="limits-reason">Reason (kept with a change that waits for review)</label>
            <input id="limits-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={saveLimits}>
              Save limits
            </button>
            <button
              type="button"
              title="Republish the previous version when a newly published one burns its error budget fast"
              onClick={() => void save({ autoRollback: !autoRollback })}
            >
              {autoRollback ? 'Turn auto-rollback off' : 'Turn auto-rollback on'}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p role="status" data-testid="settings-message">
          {message}
        </p>
      )}
      {error && <ApiErrorMessage error={error} />}
      <PendingChanges pending={pending} onDecide={decide} />
    </section>
  );
}
