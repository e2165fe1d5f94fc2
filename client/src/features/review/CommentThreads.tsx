import { useState } from 'react';
import { formatDate } from '../versions/format';
import type { CommentThread as Thread, ReviewComment as Comment } from '@autonomic/api';
import { CommentForm } from './CommentForm';
import { threadsAnchor } from './useCommentMarkers';

interface Props {
  threads: readonly Thread[];
  /** The node whose threads to show; null for the general (version-wide) threads. */
  nodeId: string | null;
  canComment: boolean;
  onPost(body: string, parentId?: string): Promise<void>;
}

function One({ c }: { c: Comment }) {
  return (
    <div className={c.parentId ? 'reply' : undefined}>
      <div className="comment-meta">
        {c.author.displayName} · {formatDate(c.createdAt)}
        {c.resolvedAt ? ' · resolved' : ''}
      </div>
      <p className="comment-body">{c.body}</p>
    </div>
  );
}

function ReplyBox({ onPost }: { onPost(body: string): Promise<void> }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="linklike" onClick={() => setOpen(true)}>
        Reply
      </button>
    );
  }
  return (
    <CommentForm
      label="Reply"
      submitLabel="Reply"
      onSubmit={async (body) => {
        await onPost(body);
        setOpen(false);
      }}
    />
  );
}

/** The comment threads anchored to one node (or the general ones), with reply and new-thread forms. */
export function CommentThreads({ threads, nodeId, canComment, onPost }: Props) {
  const mine = threads.filter((t) => t.nodeId === nodeId);
  const where = nodeId ? `node ${nodeId}` : 'this version';
  return (
    <section
      className="comments"
      data-testid={nodeId ? `threads-${nodeId}` : 'threads-general'}
      aria-label={`Comments on ${where}`}
      {...(nodeId ? { id: threadsAnchor(nodeId), tabIndex: -1 } : {})}
    >
      <h3>{nodeId ? `Comments on ${nodeId}` : 'General comments'}</h3>
      {mine.length === 0 && <p className="muted">No comments yet.</p>}
      {mine.map((t) => (
        <div
          key={t.id}
          className={t.resolvedAt ? 'thread thread-resolved' : 'thread'}
          data-testid={t.resolvedAt ? 'thread-resolved' : 'thread-open'}
        >
          {t.resolvedAt && <p className="thread-state">Resolved</p>}
          <One c={t} />
          {t.replies.map((r) => (
            <One key={r.id} c={r} />
          ))}
          {canComment && <ReplyBox onPost={(body) => onPost(body, t.id)} />}
        </div>
      ))}
      {canComment && (
        <CommentForm
          label={nodeId ? `New comment on ${nodeId}` : 'New comment'}
          submitLabel="Comment"
          onSubmit={(body) => onPost(body)}
          testId={nodeId ? `comment-form-${nodeId}` : 'comment-form-general'}
        />
      )}
    </section>
  );
}
