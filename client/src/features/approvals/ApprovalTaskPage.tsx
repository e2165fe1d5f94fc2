import type { ApprovalTask, RunStatus } from '@autonomic/api';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAsync } from '../versions/useAsync';
import { getApproval } from './api';
import { ApprovalCard } from './ApprovalCard';
import '../simulation/simulation.css';
import '../runs/runs.css';
import './approvals.css';

/** `/approvals/:taskId`: one task with its whole context (the link a notification or the inbox opens). */
export function ApprovalTaskPage() {
  const { taskId = '' } = useParams();
  const got = useAsync(() => getApproval(taskId), taskId);
  const [decided, setDecided] = useState<{ task: ApprovalTask; runStatus: RunStatus }>();
  const task = decided?.task ?? got.data;
  return (
    <section aria-labelledby="approval-task-title">
      <div className="page-head">
        <h1 id="approval-task-title">Approval</h1>
        <Link to="/approvals">All approvals</Link>
      </div>
      {got.error && <p role="alert">{got.error.message}</p>}
      {got.loading && !got.data && <p aria-busy="true">Loading…</p>}
      {decided && (
        <p role="status" data-testid="decision-done">
          {decided.task.status.replace('_', ' ')}; <Link to={`/runs/${decided.task.runId}`}>the run</Link> is now{' '}
          {decided.runStatus}.
        </p>
      )}
      {task && <ApprovalCard task={task} onDecided={(t, runStatus) => setDecided({ task: t, runStatus })} />}
    </section>
  );
}
