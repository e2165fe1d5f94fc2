import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import type { SloStatus } from '@autonomic/api';
import { resetSlo, setSlo } from './api';

/** Sets (or resets to the defaults) one workflow's SLO; managers and admins only (the server checks too). */
export function SloEditor({ slo, onSaved, onClose }: { slo: SloStatus; onSaved: () => void; onClose: () => void }) {
  const [objective, setObjective] = useState(String(slo.objectivePercent));
  const [minutes, setMinutes] = useState(String(slo.latencySeconds / 60));
  const [days, setDays] = useState(String(slo.windowDays));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onSaved();
    } catch (e) {
      setError(
        e instanceof ApiError
          ? `${e.message}${e.details.map((d) => ` (${d.path}: ${d.message})`).join('')}`
          : String(e),
      );
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
      <label>
        Objective (%)
        <input
          type="number"
          min={50}
          max={99.99}
          step={0.01}
          required
          value={objective}
          onChange={(e) => setObjective(e.target.value)}
        />
      </label>
      <label>
        Within (minutes)
        <input
          type="number"
          min={0.1}
          step={0.1}
          required
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </label>
      <label>
        Window (days)
        <input
          type="number"
          min={1}
          max={90}
          step={1}
          required
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </label>
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
