import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/store';
import { formatDate } from '../versions/format';
import { useAsync } from '../versions/useAsync';
import { StatusBadge } from '../versions/VersionStatusBadge';
import type { ReviewStatus } from '@autonomic/api';
import { listReviews } from './api';
import './review.css';

const STATUSES: readonly (ReviewStatus | 'all')[] = ['open', 'approved', 'changes_requested', 'cancelled', 'all'];
const isStatus = (v: string | null): v is ReviewStatus | 'all' => STATUSES.some((s) => s === v);

/**
 * `/reviews`: the reviews I am asked to do, and the ones I asked for. Analysts (who write
 * versions and never review) open on their requests, every status, so that changes
 * requested of them are the first thing they see.
 */
export function ReviewInboxPage() {
  const role = useAuth((s) => s.user?.role);
  const [search, setSearch] = useSearchParams();
  const asked = search.get('mine');
  const mine = asked === 'requested' || asked === 'assigned' ? asked : role === 'analyst' ? 'requested' : 'assigned';
  const raw = search.get('status');
  const status = isStatus(raw) ? raw : mine === 'requested' ? 'all' : 'open';
  const list = useAsync(() => listReviews(mine, status), `${mine}|${status}`);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(search);
    next.set(k, v);
    setSearch(next, { replace: true });
  };

  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">Reviews</h1>
      <div className="toolbar">
        <div className="tabs" role="tablist" aria-label="Whose reviews">
          <button
            type="button"
            role="tab"
            aria-selected={mine === 'assigned'}
            onClick={() => set('mine', 'assigned')}
            data-testid="tab-assigned"
          >
            Assigned to me
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mine === 'requested'}
            onClick={() => set('mine', 'requested')}
            data-testid="tab-requested"
          >
            My requests
          </button>
        </div>
        <label>
          Status
          <select value={status} onChange={(e) => set('status', e.target.value)} data-testid="review-status-filter">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.error && <p role="alert">{list.error.message}</p>}
      {list.loading && !list.data && <p aria-busy="true">Loading…</p>}
      {list.data?.reviews.length === 0 && (
        <p>{mine === 'assigned' ? 'Nothing to review.' : 'You have no review requests with this status.'}</p>
      )}
      {list.data && list.data.reviews.length > 0 && (
        <table className="table" data-testid="review-inbox">
          <thead>
            <tr>
              <th scope="col">Workflow</th>
              <th scope="col">Version</th>
              <th scope="col">Requested by</th>
              <th scope="col">Approvals</th>
              <th scope="col">My decision</th>
              <th scope="col">Review</th>
              <th scope="col">Requested</th>
            </tr>
          </thead>
          <tbody>
            {list.data.reviews.map((r) => (
              <tr key={r.id} data-testid={`review-row-${r.id}`}>
                <td>
                  <Link to={`/reviews/${r.id}`}>{r.workflow.name}</Link>
                </td>
                <td>
                  v{r.version.number} <StatusBadge status={r.version.status} />
                </td>
                <td>{r.requestedBy.displayName}</td>
                <td>
                  {r.approvals} / {r.requiredApprovals}
                </td>
                <td>{r.myDecision ? r.myDecision.replace('_', ' ') : <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>{formatDate(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
