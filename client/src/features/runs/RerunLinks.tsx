import type { RunDetail } from '@autonomic/api';
import { Link } from 'react-router';
import { shortId } from '../versions/format';
import { StatusBadge } from '../versions/VersionStatusBadge';

/** A re-run names the run it repeats and where it started; a re-run run lists its re-runs. */
export function RerunLinks({ run }: { run: RunDetail }) {
  return (
    <>
      {run.rerunOf && (
        <p className="notice" data-testid="rerun-of">
          A re-run of run <Link to={`/runs/${run.rerunOf.id}`}>{shortId(run.rerunOf.id)}</Link>{' '}
          {run.rerunOf.fromStep ? (
            <>
              from step <code>{run.rerunOf.fromStep}</code>: the steps before it were not performed again, their outputs
              were reused.
            </>
          ) : (
            'from the start.'
          )}
        </p>
      )}
      {run.reruns.length > 0 && (
        <div className="notice" data-testid="reruns">
          Re-runs of this run:
          <ul>
            {run.reruns.map((r) => (
              <li key={r.id}>
                <Link to={`/runs/${r.id}`}>{shortId(r.id)}</Link> <StatusBadge status={r.status} />{' '}
                {r.fromStep ? (
                  <>
                    from step <code>{r.fromStep}</code>
                  </>
                ) : (
                  'from the start'
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
