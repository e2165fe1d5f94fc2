import { fieldLabel } from '@autonomic/api';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth/store';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { getDiff, getVersion, getWorkflow } from '../versions/api';
import { RiskBanner } from '../versions/RiskBanner';
import { useAsync } from '../versions/useAsync';
import { StatusBadge } from '../versions/VersionStatusBadge';
import { getDirectory, requestReview } from './api';
import '../simulation/simulation.css';
import '../versions/versions.css';
import './review.css';

type Sent = Awaited<ReturnType<typeof requestReview>>;

/** Approvals a high-risk change needs (the server's review policy). */
const HIGH_RISK_REVIEWERS = 2;

/** Where a version's problem is, in words: "Step block › URL", "The workflow". */
function problemPlace(p: { nodeId: string; path: string }): string {
  const node = p.nodeId === 'workflow' ? 'The workflow' : `Step ${p.nodeId}`;
  const field = p.path ? fieldLabel(p.path.split('.')) : '';
  return field ? `${node} › ${field}` : node;
}

/**
 * `/workflows/:id/versions/:number/review`: the author sends a draft to reviewers of their
 * choice. The change's risk against the published version is said up front; a high-risk
 * change needs two reviewers, so two are ticked to begin with.
 */
export function RequestReviewPage() {
  const { id = '', number: numberParam = '' } = useParams();
  const number = Number(numberParam);
  const me = useAuth((s) => s.user);
  const loaded = useAsync(async () => {
    const [workflow, version, { users }, diff] = await Promise.all([
      getWorkflow(id),
      getVersion(id, number),
      getDirectory(),
      // A version that does not parse has no diff: its problems are shown instead.
      getDiff(id, 'published', number).catch(() => null),
    ]);
    return { workflow, version, users, diff: diff?.diff ?? null };
  }, `${id}|${number}`);
  // Null until the author changes the ticks: the suggestion below stands until then.
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);

  const d = loaded.data;
  const candidates = (d?.users ?? []).filter(
    (u) => (u.role === 'reviewer' || u.role === 'admin') && u.id !== me?.id && u.id !== d?.version.author.id,
  );
  const openReview = d?.version.reviews.find((r) => r.status === 'open');
  const highRisk = d?.diff?.risk === 'high';
  const needed = highRisk ? HIGH_RISK_REVIEWERS : 1;
  // Reviewers before admins: an admin is the reviewer of last resort.
  const suggested = highRisk
    ? [...candidates.filter((u) => u.role === 'reviewer'), ...candidates.filter((u) => u.role !== 'reviewer')]
        .slice(0, needed)
        .map((u) => u.id)
    : [];
  const picked = chosen ?? suggested;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSent(await requestReview(id, number, { reviewerIds: picked, ...(note.trim() ? { note: note.trim() } : {}) }));
      loaded.reload();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (uid: string) => setChosen(picked.includes(uid) ? picked.filter((x) => x !== uid) : [...picked, uid]);

  return (
    <section aria-labelledby="rr-title">
      <div className="page-head">
        <h1 id="rr-title">
          Request review: {d?.workflow.name ?? '…'} v{number} {d && <StatusBadge status={d.version.status} />}
        </h1>
        <div className="actions">
          {d?.workflow.published && (
            <Link to={`/workflows/${id}/diff?from=published&to=${number}`}>Diff vs published</Link>
          )}
          <Link to={`/workflows/${id}/versions/${number}/simulate`}>Simulate</Link>
        </div>
      </div>
      {loaded.error && <p role="alert">{loaded.error.message}</p>}
      {d && d.version.problems.length > 0 && (
        <div className="api-error" role="alert">
          <strong>
            This version has {d.version.problems.length} problem(s); the server will refuse the request until they are
            fixed.
          </strong>
          <ul>
            {d.version.problems.map((p, i) => (
              <li key={i}>
                {problemPlace(p)}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {sent && (
        <div role="status" className="panel" data-testid="review-requested">
          <p>
            Review requested: {sent.review.requiredApprovals} approval(s) needed
            {sent.review.testsRequired ? ', every test case must pass and cover the destructive steps it changes' : ''}.
          </p>
          <RiskBanner risk={sent.risk} reasons={sent.riskReasons} />
          <Link className="button primary" to={`/reviews/${sent.review.id}`}>
            Open the review
          </Link>
        </div>
      )}
      {!sent && openReview && (
        <p className="panel">
          This version is already in review. <Link to={`/reviews/${openReview.id}`}>Open the review</Link>
        </p>
      )}
      {d?.diff && !sent && d.version.status === 'draft' && (
        <div className="panel" data-testid="request-risk">
          {highRisk ? (
            <p>
              <strong>This change is high risk: it needs {HIGH_RISK_REVIEWERS} reviewers to approve it</strong>, and its
              test cases must pass and cover the destructive steps it adds or changes.
            </p>
          ) : (
            <p>This change is normal risk: one reviewer’s approval is enough.</p>
          )}
          <RiskBanner risk={d.diff.risk} reasons={d.diff.riskReasons} />
        </div>
      )}
      {d && !sent && d.version.status === 'draft' && (
        <form onSubmit={(e) => void submit(e)} className="panel request-form" data-testid="request-review-form">
          <fieldset>
            <legend>
              {highRisk ? `Reviewers (this change needs ${needed})` : 'Reviewers (a high-risk change needs two)'}
            </legend>
            {candidates.length === 0 && <p className="muted">No reviewer is available.</p>}
            {candidates.map((u) => (
              <label key={u.id} className="radio">
                <input
                  type="checkbox"
                  checked={picked.includes(u.id)}
                  onChange={() => toggle(u.id)}
                  data-testid={`reviewer-${u.username}`}
                />
                {u.displayName} <span className="muted">({u.role})</span>
              </label>
            ))}
          </fieldset>
          <label>
            Note to the reviewers
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} data-testid="review-note" />
          </label>
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={busy || picked.length < needed}
              aria-describedby={picked.length < needed ? 'rr-needed' : undefined}
              data-testid="submit-review-request"
            >
              {busy ? 'Sending…' : 'Request review'}
            </button>
            {picked.length < needed && (
              <span id="rr-needed" className="muted">
                Pick {needed === 1 ? 'a reviewer' : `${needed} reviewers`}.
              </span>
            )}
          </div>
          {error && <ApiErrorMessage error={error} />}
        </form>
      )}
      {d && !sent && !openReview && d.version.status !== 'draft' && (
        <p className="panel">
          Only a draft can be sent for review; this version is {d.version.status.replace('_', ' ')}.
        </p>
      )}
    </section>
  );
}
