import type { ReplayView } from '@autonomic/api';
import { formatDate } from '../versions/format';

interface Props {
  replays: readonly ReplayView[];
  openedId: string | null;
  onOpen(id: string): void;
}

const STATUS_WORDS: Record<ReplayView['status'], string> = {
  queued: 'queued',
  running: 'running',
  done: 'done',
  error: 'failed',
  active: 'active',
  ended: 'ended',
};

/** The version's earlier replays, newest first; the one opened is marked. */
export function ReplayHistory({ replays, openedId, onOpen }: Props) {
  if (replays.length === 0) return null;
  return (
    <>
      <h3>Replays of this version</h3>
      <ul className="replay-history" data-testid="replay-history">
        {replays.map((r) => (
          <li key={r.id} data-testid="replay-history-item" data-status={r.status}>
            <button type="button" className="linklike" aria-pressed={r.id === openedId} onClick={() => onOpen(r.id)}>
              {formatDate(r.createdAt)}
            </button>{' '}
            last {r.requested ?? '?'} events · {STATUS_WORDS[r.status]}
            {r.status === 'done' && ` · ${r.summary.different} of ${r.summary.events} different`}
            {r.requestedBy && <span className="muted"> · by {r.requestedBy.username}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
