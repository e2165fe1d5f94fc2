import { formatDate } from '../versions/format';
import type { ReviewDecision as Decision } from '@autonomic/api';

/** The decisions taken on this review, oldest first; one on other content than the current is marked. */
export function Decisions({ decisions, contentHash }: { decisions: readonly Decision[]; contentHash: string }) {
  if (decisions.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="decisions-title" data-testid="review-decisions">
      <h2 id="decisions-title">Decisions</h2>
      <ul>
        {decisions.map((d) => (
          <li key={d.id}>
            <strong>{d.reviewer.displayName}</strong>{' '}
            <span className={`badge ${d.decision === 'approve' ? 'badge-approved' : 'badge-rejected'}`}>
              {d.decision.replace('_', ' ')}
            </span>{' '}
            <span className="muted">{formatDate(d.createdAt)}</span>
            {d.nodeId && (
              <span className="muted">
                {' '}
                on <code>{d.nodeId}</code>
              </span>
            )}
            {d.contentHash !== contentHash && <span className="muted"> (on other content)</span>}
            {d.comment && <p className="comment-body">{d.comment}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
