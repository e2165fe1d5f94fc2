import { useState } from 'react';
import { budgetText } from '../dashboard/SloPanel';
import { SloEditor } from '../dashboard/SloEditor';
import { duration } from '../dashboard/format';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAsync } from '../versions/useAsync';
import { getSlo } from './api';

const STATE_WORDS = {
  no_data: 'No finished runs in the window yet',
  not_enough_data: 'Not enough data yet',
  ok: 'OK: within its objective',
  burning: 'At risk: burning its error budget fast',
  exhausted: 'Budget spent: below its objective',
} as const;

/** The workflow's service-level objective and where it stands; managers and admins edit it (the dashboard's editor). */
export function SloSection({ workflowId, mayChange }: { workflowId: string; mayChange: boolean }) {
  const state = useAsync(() => getSlo(workflowId), workflowId);
  const [editing, setEditing] = useState(false);

  if (!state.data) return state.error ? <ApiErrorMessage error={state.error} /> : null;
  const { slo } = state.data;
  return (
    <section className="settings-section" aria-labelledby="slo-title" data-testid="slo">
      <h2 id="slo-title">Service-level objective</h2>
      {!slo ? (
        <p className="muted">No SLO for this workflow.</p>
      ) : (
        <>
          <p>
            {slo.objectivePercent} % of live runs succeed within {duration(slo.latencySeconds)}, over {slo.windowDays}{' '}
            days{slo.configured ? '' : ' (the defaults)'}.
          </p>
          <p data-testid="slo-state">
            State: <strong>{STATE_WORDS[slo.state]}</strong> · error budget left: {budgetText(slo)}
          </p>
          {mayChange && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit SLO
            </button>
          )}
          {!mayChange && <p className="muted">Managers and admins set the SLO.</p>}
          {editing && (
            <SloEditor
              slo={slo}
              onSaved={() => {
                setEditing(false);
                state.reload();
              }}
              onClose={() => setEditing(false)}
            />
          )}
        </>
      )}
    </section>
  );
}
