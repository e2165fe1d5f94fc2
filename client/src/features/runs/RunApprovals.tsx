import type { ApprovalTask } from '@autonomic/api';
import { Link } from 'react-router';
import { formatDate } from '../versions/format';
import { StatusBadge } from '../versions/VersionStatusBadge';

/** The approval tasks a run opened, with their votes. */
export function RunApprovals({ tasks }: { tasks: readonly ApprovalTask[] }) {
  if (tasks.length === 0) return null;
  return (
    <section className="panel" data-testid="run-approvals" aria-labelledby="run-approvals-title">
      <h2 id="run-approvals-title">Approval tasks</h2>
      <ul>
        {tasks.map((t) => (
          <li key={t.id}>
            <code>{t.stepKey}</code> <StatusBadge status={t.status} /> level {t.escalationLevel}
            {t.levels[t.escalationLevel]?.breakGlass && <span className="badge badge-danger">break glass</span>}
            <div className="pre-line">{t.message}</div>
            <div className="muted">deadline {formatDate(t.deadline)}</div>
            {t.decisions.map((d) => (
              <div key={`${d.userId}-${d.at}`} className="muted">
                {d.username} {d.decision} at level {d.level}
                {d.breakGlass ? ' (break glass)' : ''}
                {d.comment ? `: “${d.comment}”` : ''}
              </div>
            ))}
            {t.status === 'pending' && <Link to="/approvals">Decide in the approvals inbox</Link>}
          </li>
        ))}
      </ul>
    </section>
  );
}
