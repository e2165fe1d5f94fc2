import type { RunRow } from '@autonomic/api';
import { Link } from 'react-router';
import { formatDate, formatDuration, shortId } from '../versions/format';
import { StatusBadge } from '../versions/VersionStatusBadge';

function duration(r: RunRow): string {
  if (!r.startedAt) return '—';
  const end = r.finishedAt ? Date.parse(r.finishedAt) : null;
  return end === null ? 'running' : formatDuration(end - Date.parse(r.startedAt));
}

/** Runs, newest first; `flash` marks rows a live event just changed. */
export function RunsTable({ runs, flash }: { runs: readonly RunRow[]; flash: ReadonlySet<string> }) {
  return (
    <table className="table" data-testid="runs-table">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Workflow</th>
          <th scope="col">Status</th>
          <th scope="col">Mode</th>
          <th scope="col">Trigger</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} data-testid={`run-row-${r.id}`} className={flash.has(r.id) ? 'row-flash' : undefined}>
            <td>
              <Link to={`/runs/${r.id}`} className="hash">
                {shortId(r.id)}
              </Link>
            </td>
            <td>
              {r.workflow.name} <span className="muted">v{r.version.number}</span>
            </td>
            <td>
              <StatusBadge status={r.status} />
              {r.error && <div className="muted">{r.error.message}</div>}
            </td>
            <td>
              <span className={`badge badge-${r.mode}`}>{r.mode}</span>
            </td>
            <td>{r.trigger}</td>
            <td>{formatDate(r.startedAt ?? r.createdAt)}</td>
            <td>{duration(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
