import type { RunDetail } from '@autonomic/api';
import { Link } from 'react-router';
import { formatDate, formatDuration, shortId } from '../versions/format';
import { StatusBadge } from '../versions/VersionStatusBadge';

/** Who, what and when of a run. */
export function RunHeader({ run }: { run: RunDetail }) {
  const took =
    run.startedAt && run.finishedAt
      ? formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt))
      : run.startedAt
        ? 'running'
        : '—';
  return (
    <dl className="run-meta" data-testid="run-header">
      <div>
        <dt>Workflow</dt>
        <dd>
          <Link to={`/workflows/${run.workflow.id}`}>{run.workflow.name}</Link>
        </dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd>
          <Link to={`/workflows/${run.workflow.id}/versions/${run.version.number}`}>v{run.version.number}</Link>
        </dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd data-testid="run-status">
          <StatusBadge status={run.status} />
        </dd>
      </div>
      <div>
        <dt>Mode · trigger</dt>
        <dd>
          <span className={`badge badge-${run.mode}`}>{run.mode}</span> {run.trigger}
        </dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>{formatDate(run.startedAt)}</dd>
      </div>
      <div>
        <dt>Finished</dt>
        <dd>{formatDate(run.finishedAt)}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>{took}</dd>
      </div>
      {run.parentRunId && (
        <div>
          <dt>Parent run</dt>
          <dd>
            <Link to={`/runs/${run.parentRunId}`}>{shortId(run.parentRunId)}</Link>
          </dd>
        </div>
      )}
    </dl>
  );
}
