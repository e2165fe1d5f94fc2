import { useState, type FormEvent } from 'react';
import { fieldErrorsOf, NO_ERRORS, problemWords, unplaced, type FieldErrors } from '../../api/problems';
import type { SloStatus } from '@autonomic/api';
import { resetSlo, setSlo } from './api';
import { SloField } from './SloField';

type Key = 'objectivePercent' | 'latencySeconds' | 'windowDays';

/** The form's numbers: latency is typed in minutes and sent in seconds. */
const FIELDS: readonly { key: Key; label: string; min: number; max?: number; step: number }[] = [
  { key: 'objectivePercent', label: 'Objective (%)', min: 50, max: 99.99, step: 0.01 },
  { key: 'latencySeconds', label: 'Within (minutes)', min: 0.1, step: 0.1 },
  { key: 'windowDays', label: 'Window (days)', min: 1, max: 90, step: 1 },
];
const SHOWN = new Set(FIELDS.map((f) => `body.${f.key}`));

/** Sets (or resets to the defaults) one workflow's SLO; managers and admins only (the server checks too). */
export function SloEditor({ slo, onSaved, onClose }: { slo: SloStatus; onSaved: () => void; onClose: () => void }) {
  const [values, setValues] = useState<Record<Key, string>>({
    objectivePercent: String(slo.objectivePercent),
    latencySeconds: String(slo.latencySeconds / 60),
    windowDays: String(slo.windowDays),
  });
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
      const elsewhere = unplaced(byField, SHOWN).map(([, words]) => words);
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
        objectivePercent: Number(values.objectivePercent),
        latencySeconds: Math.round(Number(values.latencySeconds) * 60),
        windowDays: Number(values.windowDays),
      }),
    );
  };

  return (
    <form className="dash-slo-form" onSubmit={submit} aria-label={`SLO of ${slo.name}`}>
      {FIELDS.map(({ key, ...field }) => (
        <SloField
          key={key}
          {...field}
          value={values[key]}
          error={fieldErrors.get(`body.${key}`)}
          onChange={(value) => setValues((v) => ({ ...v, [key]: value }))}
        />
      ))}
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
