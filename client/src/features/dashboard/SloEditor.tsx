import { useState, type FormEvent } from 'react';
import { fieldErrorsOf, NO_ERRORS, problemWords, unplaced, type FieldErrors } from '../../api/problems';
import type { SloStatus } from '@autonomic/api';
import { resetSlo, setSlo } from './api';
import { SloField } from './SloField';

const FIELDS = new Set(['body.objectivePercent', 'body.latencySeconds', 'body.windowDays']);

/** Sets (or resets to the defaults) one workflow's SLO; managers and admins only (the server checks too). */
export function SloEditor({ slo, onSaved, onClose }: { slo: SloStatus; onSaved: () => void; onClose: () => void }) {
  const [objective, setObjective] = useState(String(slo.objectivePercent));
  const [minutes, setMinutes] = useState(String(slo.latencySeconds / 60));
  const [days, setDays] = useState(String(slo.windowDays));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setFieldErrors(NO_ERRORS);
    try {
      await work();
      onSaved();
    } catch (e) {
      const byField = fieldErrorsOf(e);
      const elsewhere = unplaced(byField, FIELDS).map(([, words]) => words);
      setFieldErrors(byField);
      setError(byField.size > 0 ? (elsewhere.length > 0 ? elsewhere.join('; ') : null) : problemWords(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() =>
      setSlo(slo.workflowId, {
        objectivePercent: Number(objective),
        latencySeconds: Math.round(Number(minutes) * 60),
        windowDays: Number(days),
      }),
    );
  };

  return (
    <form className="dash-slo-form" onSubmit={submit} aria-label={`SLO of ${slo.name}`}>
      <SloField
        label="Objective (%)"
        min={50}
        max={99.99}
        step={0.01}
        value={objective}
        error={fieldErrors.get('body.objectivePercent')}
        onChange={setObjective}
      />
      <SloField
        label="Within (minutes)"
        min={0.1}
        step={0.1}
        value={minutes}
        error={fieldErrors.get('body.latencySeconds')}
        onChange={setMinutes}
      />
      <SloField
        label="Window (days)"
        min={1}
        max={90}
        step={1}
        value={days}
        error={fieldErrors.get('body.windowDays')}
        onChange={setDays}
      />
      <div className="dash-slo-buttons">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button
          type="button"
          disabled={busy || !slo.configured}
          onClick={() => void run(() => resetSlo(slo.workflowId))}
        >
          Reset to defaults
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
