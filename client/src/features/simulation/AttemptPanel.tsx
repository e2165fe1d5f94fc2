import { formatDuration } from '../versions/format';
import { JsonBlock } from './JsonBlock';
import type { TraceAttempt } from './traceOverlay';

function Timing({ a }: { a: TraceAttempt }) {
  const started = new Date(a.startedAt).toLocaleTimeString();
  const took = a.finishedAt !== undefined ? formatDuration(a.finishedAt - a.startedAt) : 'not finished';
  return (
    <span className="muted">
      started {started} · {took}
    </span>
  );
}

/** Every attempt of one node in a run: status, timings, input, output, error, safety verdict, approval events. */
export function AttemptPanel({ nodeId, attempts }: { nodeId: string; attempts: readonly TraceAttempt[] }) {
  return (
    <section className="panel attempt-panel" data-testid="attempt-panel" aria-label={`Attempts of ${nodeId}`}>
      <h2>
        Node <code>{nodeId}</code>
      </h2>
      {attempts.length === 0 && <p className="muted">This node did not run.</p>}
      <ol className="attempts">
        {attempts.map((a) => (
          <li key={`${a.stepKey}#${a.attempt}`} data-testid={`attempt-${a.stepKey}-${a.attempt}`}>
            <div>
              <strong>
                {a.stepKey !== a.stepId ? `${a.stepKey} ` : ''}attempt {a.attempt}
              </strong>{' '}
              <span className={`badge badge-${a.status}`}>{a.status}</span>
              {a.port && (
                <span className="muted">
                  {' '}
                  → <code>{a.port}</code>
                </span>
              )}
            </div>
            <Timing a={a} />
            {a.safety && a.safety.decision !== 'allow' && (
              <p className={a.safety.decision === 'refuse' ? 'error' : ''}>
                Safety list: {a.safety.decision === 'refuse' ? 'refused' : 'auto-ok'}
                {a.safety.reason ? ` — ${a.safety.reason}` : ''}
                {a.safety.criticality ? ` (criticality ${a.safety.criticality})` : ''}
              </p>
            )}
            {a.error && !(a.error.kind === 'safety' && a.safety?.decision === 'refuse') && (
              <p className="error">
                {a.error.kind}: {a.error.message}
                {a.error.retryable ? ' (retryable)' : ''}
              </p>
            )}
            <JsonBlock label="Input" value={a.input} open />
            <JsonBlock label="Output" value={a.output} />
            {a.events && a.events.length > 0 && (
              <ul className="muted">
                {a.events.map((e, i) => (
                  <li key={i}>
                    {new Date(e.at).toLocaleTimeString()} {e.type}
                    {e.level !== undefined ? ` level ${e.level}` : ''}
                    {e.by ? ` by ${e.by}` : ''}
                    {e.detail ? `: ${e.detail}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
