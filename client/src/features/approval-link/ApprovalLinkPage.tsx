import type { LinkDecisionResult } from '@autonomic/api';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/store';
import { useAsync } from '../versions/useAsync';
import { confirmLink, showLink } from './api';
import '../approvals/approvals.css';

const VERB = { approved: 'Approve', rejected: 'Reject' } as const;

/**
 * `/approval-link/:token`: where a signed link from an approval message lands. Opening it
 * shows what it would decide and changes nothing; only the confirm button decides. Outside
 * the signed-in layout, so a deployment with signed-link-only decisions needs no session;
 * otherwise the server answers 401 and the page offers to sign in and come back.
 */
export function ApprovalLinkPage() {
  const { token = '' } = useParams();
  const location = useLocation();
  const auth = useAuth((s) => s.status);
  const link = useAsync(() => showLink(token), `${token}:${auth}`);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<LinkDecisionResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Approval link — Autonomic';
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      setDone(await confirmLink(token, comment.trim() || undefined));
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (auth === 'loading' || (link.loading && !link.data)) return <p aria-busy="true">Loading…</p>;
  const error = link.error;
  if (error instanceof ApiError && error.status === 401) {
    return (
      <section className="approval-link" aria-labelledby="link-title">
        <h1 id="link-title">Sign in to decide</h1>
        <p>This approval link works once you are signed in as the approver it was sent to.</p>
        <Link to="/login" state={{ from: location.pathname }}>
          Sign in
        </Link>
      </section>
    );
  }
  if (error) {
    return (
      <section className="approval-link" aria-labelledby="link-title">
        <h1 id="link-title">This link cannot decide</h1>
        <p role="alert" data-testid="link-error">
          {error.message}
        </p>
      </section>
    );
  }
  const view = link.data;
  if (!view) return null;
  const verb = VERB[view.decision];
  return (
    <section className="approval-link" aria-labelledby="link-title">
      <h1 id="link-title">
        {verb}: step {view.stepId}
      </h1>
      <p data-testid="link-message">{view.message}</p>
      <p>
        Sent to <strong>{view.username}</strong>; valid until {new Date(view.expiresAt).toLocaleString()}. The task is{' '}
        {view.taskStatus.replace('_', ' ')}.
      </p>
      {done ? (
        <p role="status" data-testid="link-done">
          Recorded: {done.decision}. The task is {done.taskStatus.replace('_', ' ')}; the run is now {done.run.status}.
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label>
            Comment (optional)
            <textarea value={comment} maxLength={2_000} onChange={(e) => setComment(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || view.taskStatus !== 'pending'} data-testid="link-confirm">
            Confirm: {verb.toLowerCase()}
          </button>
        </form>
      )}
      {failure && (
        <p role="alert" data-testid="link-error">
          {failure}
        </p>
      )}
    </section>
  );
}
