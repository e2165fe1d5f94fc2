import { useState } from 'react';
import type { SloStatus } from '@autonomic/api';
import { duration, percent } from './format';
import { SloEditor } from './SloEditor';

const STATE_LABEL: Record<SloStatus['state'], string> = {
  ok: 'OK',
  burning: 'Burning fast',
  exhausted: 'Budget spent',
  no_data: 'No runs',
  not_enough_data: 'Not enough data',
};

/** The minimum number of runs the server measures with (one source: its MIN_BURN_RUNS). */
export function minRunsOf(slos: readonly SloStatus[]): number | undefined {
  return slos.find((s) => s.minRuns !== undefined)?.minRuns;
}

/** The budget left as shown: clamped to 0–100 %, none below the minimum of runs. */
export function budgetText(s: SloStatus): string {
  if (s.state === 'no_data') return '—';
  if (s.state === 'not_enough_data') return `not enough data (${s.runs} of ${s.minRuns ?? '?'} runs)`;
  const left = Math.max(0, Math.min(1, s.budgetRemaining));
  return s.budgetRemaining < 0 ? `${percent(left, 0)} (overspent)` : percent(left, 0);
}

function burnText(s: SloStatus): string {
  return s.burn
    .map((b) => `${b.hours} h: ${b.rate === null ? `— (${b.runs} runs)` : `${b.rate.toFixed(1)}×`}`)
    .join(' · ');
}

/** Per-workflow SLOs: objective, compliance over the window, error budget left, burn rates. */
export function SloPanel({ slos, canEdit, onChanged }: { slos: SloStatus[]; canEdit: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="dash-panel wide" aria-labelledby="dash-slos">
      <header className="dash-panel-head">
        <h2 id="dash-slos">Service-level objectives</h2>
      </header>
      <p className="muted dash-panel-desc">
        Each SLO is measured over its own rolling window ending now (not the range above). Burn rate: the error rate
        over the allowed one; a warning when the last 6 h burn ≥ 6× or the last 24 h ≥ 3× (at least{' '}
        {minRunsOf(slos) ?? 'a minimum of'} runs, in the window as well before a budget counts).
      </p>
      {slos.length === 0 ? (
        <p className="dash-empty" role="status">
          No workflow on your dashboard.
        </p>
      ) : (
        <div className="dash-table-wrap" tabIndex={0} role="region" aria-label="SLO status per workflow">
          <table className="table dash-table">
            <caption className="visually-hidden">SLO status per workflow</caption>
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col">Objective</th>
                <th scope="col" className="num">
                  Compliance
                </th>
                <th scope="col">Error budget left</th>
                <th scope="col">Burn rate</th>
                <th scope="col">Status</th>
                {canEdit && <th scope="col">Edit</th>}
              </tr>
            </thead>
            <tbody>
              {slos.map((s) => (
                <SloRow
                  key={s.workflowId}
                  slo={s}
                  canEdit={canEdit}
                  editing={editing === s.workflowId}
                  onEdit={setEditing}
                  onChanged={onChanged}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SloRow({
  slo: s,
  canEdit,
  editing,
  onEdit,
  onChanged,
}: {
  slo: SloStatus;
  canEdit: boolean;
  editing: boolean;
  onEdit: (id: string | null) => void;
  onChanged: () => void;
}) {
  const measured = s.state !== 'no_data' && s.state !== 'not_enough_data';
  const left = Math.max(0, Math.min(1, s.budgetRemaining));
  return (
    <>
      <tr>
        <td>{s.name}</td>
        <td>
          {s.objectivePercent} % within {duration(s.latencySeconds)} over {s.windowDays} d
          {!s.configured && <span className="muted"> (default)</span>}
        </td>
        <td className="num">
          {percent(s.compliance, 2)}{' '}
          <span className="muted">
            ({s.good}/{s.runs})
          </span>
        </td>
        <td>
          {measured && (
            <>
              <meter
                min={0}
                max={1}
                low={0.25}
                high={0.5}
                optimum={1}
                value={left}
                aria-label={`Error budget left for ${s.name}`}
              />{' '}
            </>
          )}
          {budgetText(s)}
        </td>
        <td className="muted">{burnText(s)}</td>
        <td>
          <span className={`badge dash-slo-${s.state}`}>{STATE_LABEL[s.state]}</span>
        </td>
        {canEdit && (
          <td>
            <button
              type="button"
              aria-expanded={editing}
              onClick={() => onEdit(editing ? null : s.workflowId)}
              aria-label={`Edit the SLO of ${s.name}`}
            >
              Edit
            </button>
          </td>
        )}
      </tr>
      {editing && (
        <tr>
          <td colSpan={canEdit ? 7 : 6}>
            <SloEditor
              slo={s}
              onClose={() => onEdit(null)}
              onSaved={() => {
                onEdit(null);
                onChanged();
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}
