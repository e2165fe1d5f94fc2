import type { ApprovalTask, RunStatus, Standing } from '@autonomic/api';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { formatDate, shortId } from '../versions/format';
import { useAction } from '../versions/useAction';
import { StatusBadge } from '../versions/VersionStatusBadge';
import { decideApproval } from './api';
import { ApprovalContextView } from './ApprovalContext';

/** Why the caller may not decide, in words (every reason the contract names). */
const REASON: Record<Extract<Standing, { canDecide: false }>['reason'], string> = {
  not_yet_escalated: 'You are a later escalation level: you may decide once the task escalates to you.',
  not_an_approver: 'You are not an approver of this task.',
  already_voted: 'You have already voted on this task.',
  already_decided: 'This task is already decided.',
};

function Levels({ task }: { task: ApprovalTask }) {
  return (
    <ol className="levels" start={0} aria-label="Escalation levels">
      {task.levels.map((l) => (
        <li key={l.level} className={l.reached ? 'reached' : 'pending'}>
          {l.label ?? `level ${l.level}`}: {[...l.roles.map((r) => `role ${r}`), ...l.users].join(', ') || '—'}
          {l.breakGlass && <span className="badge badge-danger">break glass</span>}
          <span className="muted"> {l.reached ? '· reached' : l.at ? `· escalates ${formatDate(l.at)}` : ''}</span>
        </li>
      ))}
    </ol>
  );
}

/** One approval task: what is asked, who may answer and when it escalates, and the decision form. */
export function ApprovalCard({
  task,
  onDecided,
}: {
  task: ApprovalTask;
  onDecided(task: ApprovalTask, runStatus: RunStatus): void;
}) {
  const ids = useId();
  const [comment, setComment] = useState('');
  const { pending: busy, error, run } = useAction<'approved' | 'rejected'>();
  const level = task.levels[task.escalationLevel];
  const you = task.you;

  const decide = (decision: 'approved' | 'rejected') =>
    run(decision, async () => {
      const r = await decideApproval(task.taskId, decision, comment.trim() || undefined);
      onDecided(r.task, r.run.status);
    });

  return (
    <article className="approval-card" data-testid={`approval-${task.id}`} aria-labelledby={`${ids}-title`}>
      <header>
        <h2 id={`${ids}-title`}>
          {task.context && (
            <Link to={`/approvals/${encodeURIComponent(task.taskId)}`}>{task.context.workflow.name}: </Link>
          )}
          <code>{task.stepKey}</code> <StatusBadge status={task.status} />
          {level?.breakGlass && <span className="badge badge-danger">break-glass level</span>}
        </h2>
        <span className="muted">
          <Link to={`/runs/${task.runId}`}>run {shortId(task.runId)}</Link> · opened {formatDate(task.createdAt)} ·
          deadline {formatDate(task.deadline)} · escalation level {task.escalationLevel}
          {task.quorum > 1 ? ` · quorum ${task.quorum}` : ''}
        </span>
      </header>
      <p className="pre-line message">{task.message}</p>
      {task.context && <ApprovalContextView context={task.context} />}
      <Levels task={task} />
      {task.decisions.length > 0 && (
        <ul className="muted">
          {task.decisions.map((d) => (
            <li key={`${d.userId}-${d.at}`}>
              {d.username} {d.decision}
              {d.breakGlass ? ' (break glass)' : ''}
              {d.comment ? `: “${d.comment}”` : ''}
            </li>
          ))}
        </ul>
      )}
      {you && !you.canDecide && <p className="muted">{REASON[you.reason]}</p>}
      {you?.canDecide && you.breakGlass && <p className="warn-text">You decide as break glass: this is audited.</p>}
      {task.status === 'pending' && (
        <div className="decision-form">
          <label>
            Comment (optional)
            <textarea
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              rows={2}
              data-testid="approval-comment"
            />
          </label>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy !== null}
              onClick={() => void decide('approved')}
              data-testid="approve-task"
            >
              {busy === 'approved' ? 'Approving…' : 'Approve'}
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy !== null}
              onClick={() => void decide('rejected')}
              data-testid="reject-task"
            >
              {busy === 'rejected' ? 'Rejecting…' : 'Reject'}
            </button>
          </div>
        </div>
      )}
      {error && <ApiErrorMessage error={error} />}
    </article>
  );
}
