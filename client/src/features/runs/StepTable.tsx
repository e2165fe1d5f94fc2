import type { RunStep } from '@autonomic/api';
import { formatDuration } from '../versions/format';
import { StatusBadge } from '../versions/VersionStatusBadge';

/** Every attempt of the run in order; a row selects its node (and shows its attempts). */
export function StepTable({
  steps,
  selected,
  onSelect,
}: {
  steps: readonly RunStep[];
  selected: string | null;
  onSelect(id: string): void;
}) {
  if (steps.length === 0) return <p className="muted">No step has run yet.</p>;
  return (
    <table className="table" data-testid="run-steps">
      <caption className="muted">Steps and attempts</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Attempt</th>
          <th scope="col">Status</th>
          <th scope="col">Port</th>
          <th scope="col">Took</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.id} className={s.stepId === selected ? 'selected' : undefined}>
            <td>
              <button
                type="button"
                className="step-link"
                onClick={() => onSelect(s.stepId)}
                data-testid={`run-step-${s.stepKey}-${s.attempt}`}
              >
                {s.stepKey} <span className="muted">{s.nodeType}</span>
              </button>
            </td>
            <td>{s.attempt}</td>
            <td>
              <StatusBadge status={s.status} />
              {s.details.safety?.decision === 'refuse' && <span className="badge decision-refused">refused</span>}
              {s.details.events?.some((e) => e.type === 'reused') && (
                <span className="badge" title="Not performed again: the output of the run this one re-runs">
                  reused
                </span>
              )}
            </td>
            <td>{s.port ?? '—'}</td>
            <td>{s.finishedAt ? formatDuration(Date.parse(s.finishedAt) - Date.parse(s.startedAt)) : '…'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
