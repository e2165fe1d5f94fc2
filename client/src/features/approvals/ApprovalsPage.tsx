import { APPROVAL_STATUSES, type ApprovalStatus, type ApprovalTask, type RunStatus } from '@autonomic/api';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAsync } from '../versions/useAsync';
import { listApprovals } from './api';
import { ApprovalCard } from './ApprovalCard';
import '../simulation/simulation.css';
import '../runs/runs.css';
import './approvals.css';

const isStatus = (v: string): v is ApprovalStatus => APPROVAL_STATUSES.some((s) => s === v);

/** `/approvals`: the run-time approval tasks the user may decide now (and past ones naming them). */
export function ApprovalsPage() {
  const [status, setStatus] = useState<ApprovalStatus>('pending');
  const list = useAsync(() => listApprovals(status), status);
  const [done, setDone] = useState<{ task: ApprovalTask; runStatus: RunStatus }[]>([]);
  const decidedIds = new Set(done.map((d) => d.task.id));
  const tasks = (list.data?.tasks ?? []).filter((t) => status !== 'pending' || !decidedIds.has(t.id));

  return (
    <section aria-labelledby="approvals-title">
      <div className="page-head">
        <h1 id="approvals-title">Approvals</h1>
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
      </div>
      <div className="filters">
        <label>
          Status
          <select
            value={status}
            onChange={(e) => isStatus(e.target.value) && setStatus(e.target.value)}
            data-testid="approval-status"
          >
            {APPROVAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'pending' ? 'pending: mine to decide' : s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div role="status" aria-live="polite">
        {done.map((d) => (
          <p key={d.task.id} data-testid="decision-done">
            “{d.task.message}”: {d.task.status.replace('_', ' ')}; <Link to={`/runs/${d.task.runId}`}>the run</Link> is
            now {d.runStatus}.
          </p>
        ))}
      </div>
      {list.error && <p role="alert">{list.error.message}</p>}
      {list.loading && !list.data && <p aria-busy="true">Loading…</p>}
      {list.data && tasks.length === 0 && (
        <p>{status === 'pending' ? 'Nothing waits for your decision.' : 'No tasks.'}</p>
      )}
      <div className="approval-list" data-testid="approvals-inbox">
        {tasks.map((t) => (
          <ApprovalCard
            key={t.id}
            task={t}
            onDecided={(task, runStatus) => setDone((d) => [...d, { task, runStatus }])}
          />
        ))}
      </div>
    </section>
  );
}
