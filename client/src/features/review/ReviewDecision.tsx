import { useState } from 'react';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAction } from '../versions/useAction';
import type { ReviewDetail } from '@autonomic/api';
import { decideReview } from './api';

interface Props {
  review: ReviewDetail;
  /** The person deciding: their approval of this content is given once. */
  meId: string;
  /** The node selected on the canvas: a decision may be anchored to it. */
  nodeId: string | null;
  /** An admin the review did not name: the decision must say why (it is audited). */
  needsReason?: boolean;
  onDecided(review: ReviewDetail): void;
}

/**
 * Approve or request changes, with a comment. Rendered only for a named reviewer, or an
 * admin giving a reason, who is not the version's author (the page decides); the decision carries the content hash seen,
 * so a decision on content that changed meanwhile is refused. One approval per person: the
 * buttons are disabled while a decision is on its way, and Approve stays so once given.
 */
export function ReviewDecision({ review, meId, nodeId, needsReason = false, onDecided }: Props) {
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const missingReason = needsReason && !reason.trim();
  const [anchor, setAnchor] = useState(false);
  const { pending: busy, error, run } = useAction<'approve' | 'request_changes'>();
  // Set as soon as the server took the approval, before the page has read the review again.
  const [approvedNow, setApprovedNow] = useState(false);
  const mine = review.decisions.filter((d) => d.reviewerId === meId).at(-1);
  const approved = approvedNow || (mine?.decision === 'approve' && mine.contentHash === review.version.contentHash);

  const decide = (decision: 'approve' | 'request_changes') =>
    run(decision, async () => {
      const body = {
        decision,
        contentHash: review.version.contentHash,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(anchor && nodeId ? { nodeId } : {}),
        ...(needsReason ? { reason: reason.trim() } : {}),
      };
      const decided = await decideReview(review.id, body);
      if (decision === 'approve') setApprovedNow(true);
      setComment('');
      onDecided(decided);
    });

  return (
    <section className="panel decision-bar" data-testid="review-decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Your decision</h2>
      {needsReason && (
        <label>
          Reason (you were not asked to review: why do you decide?)
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} data-testid="decision-reason" />
        </label>
      )}
      <label>
        Comment
        <textarea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={3}
          data-testid="decision-comment"
        />
      </label>
      {nodeId && (
        <label className="radio">
          <input type="checkbox" checked={anchor} onChange={(e) => setAnchor(e.target.checked)} /> About node{' '}
          <code>{nodeId}</code>
        </label>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy !== null || missingReason || approved}
          title={approved ? 'You approved this content' : missingReason ? 'Give a reason' : undefined}
          onClick={() => void decide('approve')}
          data-testid="approve-review"
        >
          {busy === 'approve' ? 'Approving…' : approved ? 'Approved' : 'Approve'}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy !== null || !comment.trim() || missingReason}
          title={comment.trim() ? (missingReason ? 'Give a reason' : undefined) : 'Say what should change'}
          onClick={() => void decide('request_changes')}
          data-testid="request-changes"
        >
          {busy === 'request_changes' ? 'Sending…' : 'Request changes'}
        </button>
      </div>
      {approved && (
        <p className="muted" data-testid="my-approval">
          You approved this content; it counts once. You may still request changes.
        </p>
      )}
      {error && <ApiErrorMessage error={error} />}
    </section>
  );
}
