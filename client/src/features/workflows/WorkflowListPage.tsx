import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/store';
import type { WorkflowListItem } from '@autonomic/api';
import { listWorkflows } from './api';
import { StatusBadge } from './StatusBadge';
import { useChangesRequested } from './useChangesRequested';

const STATUSES = ['', 'draft', 'in_review', 'approved', 'published'] as const;

/** `/workflows`: every workflow, its latest and published versions, and whether a review sent it back to me. */
export function WorkflowListPage() {
  const role = useAuth((s) => s.user?.role);
  const sentBack = useChangesRequested(role === 'analyst' || role === 'admin');
  /** The review that sent the latest version back, while it is still the latest draft (a new save answers it). */
  const sentBackReview = (w: WorkflowListItem): string | null => {
    const back = sentBack.get(w.id);
    const latest = w.latestVersion;
    return back && latest?.number === back.number && latest.status === 'draft' ? back.reviewId : null;
  };
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('');
  const [items, setItems] = useState<WorkflowListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const t = setTimeout(() => {
      listWorkflows({ search, status })
        .then((r) => setItems(r.workflows))
        .catch((e: Error) => setError(e.message));
    }, 150);
    return () => clearTimeout(t);
  }, [search, status]);

  return (
    <section aria-labelledby="wf-title">
      <div className="page-head">
        <h1 id="wf-title">Workflows</h1>
        {(role === 'analyst' || role === 'admin') && (
          <div className="actions">
            <Link className="button primary" to="/workflows/new">
              New workflow
            </Link>
            <Link className="button" to="/workflows/templates">
              New from template
            </Link>
            <Link className="button" to="/workflows/import">
              Import
            </Link>
          </div>
        )}
      </div>
      <div className="filters">
        <label>
          Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="name or tag" />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(STATUSES.find((s) => s === e.target.value) ?? '')}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? s.replace('_', ' ') : 'any'}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <p role="alert">{error}</p>}
      {items === null && !error && <p aria-busy="true">Loading…</p>}
      {items?.length === 0 && <p>No workflows match.</p>}
      {items && items.length > 0 && (
        <table className="table" data-testid="workflow-list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Owner</th>
              <th scope="col">Latest version</th>
              <th scope="col">Published</th>
              <th scope="col">Last run</th>
            </tr>
          </thead>
          <tbody>
            {items.map((w) => (
              <tr key={w.id}>
                <td>
                  <Link to={`/workflows/${w.id}`}>{w.name}</Link>
                  {w.killSwitch && <span className="badge badge-danger">kill switch</span>}
                  {w.connectorHealth?.map((f) => (
                    <span
                      key={f.credential}
                      className="badge badge-danger"
                      title={`Latest health probe failed: ${f.message}`}
                      data-testid="connector-failing"
                    >
                      connector failing: {f.credential}
                    </span>
                  ))}
                  <div className="muted">{w.tags.join(', ')}</div>
                </td>
                <td>{w.owner.displayName}</td>
                <td>
                  {w.latestVersion ? (
                    <>
                      v{w.latestVersion.number} <StatusBadge status={w.latestVersion.status} />
                      {sentBackReview(w) && (
                        <Link
                          to={`/reviews/${sentBackReview(w) ?? ''}`}
                          className="badge badge-danger"
                          data-testid="changes-requested"
                        >
                          changes requested
                        </Link>
                      )}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{w.publishedVersion ? `v${w.publishedVersion}` : '—'}</td>
                <td>
                  {w.lastRun ? <StatusBadge status={w.lastRun.status} /> : <span className="muted">never run</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
