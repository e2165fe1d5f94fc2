import type { ApprovalContext } from '@autonomic/api';

/** "1 h 5 min", "4 min", "under a minute". */
export function formatLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return ms > 0 ? 'under a minute' : 'none';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}

const budget = (b: { used: number; limit: number | null }) =>
  b.limit === null ? `${b.used} (no limit)` : `${b.used} / ${b.limit}`;

/**
 * What an approver needs to decide: the workflow and version, the actions the approval
 * unlocks with their targets, criticality and owner, the blast radius used so far, the
 * triggering event, the time left and the escalation chain.
 */
export function ApprovalContextView({ context }: { context: ApprovalContext }) {
  const { workflow, actions, blastRadius, event } = context;
  return (
    <section className="approval-context" aria-label="Context">
      <p>
        <strong>{workflow.name}</strong> <span className="muted">v{workflow.version}</span> ·{' '}
        <span data-testid="time-left">{formatLeft(context.timeLeftMs)} left</span>
        {context.nextInMs !== null && context.nextInMs < context.timeLeftMs && (
          <span className="muted"> · escalates in {formatLeft(context.nextInMs)}</span>
        )}
      </p>
      <h3>Unlocks</h3>
      {actions.length === 0 ? (
        <p className="muted">No write or destructive action follows this approval.</p>
      ) : (
        <ul className="unlocked" aria-label="Actions it unlocks">
          {actions.map((a) => (
            <li key={a.stepId} data-testid={`unlocks-${a.stepId}`}>
              <span className={a.effect === 'destructive' ? 'badge badge-danger' : 'badge'}>{a.effect}</span>{' '}
              <strong>{a.label}</strong> <span className="muted">{a.action}</span>
              {a.target && (
                <>
                  {' '}
                  on <code>{a.target.value ?? a.target.template ?? `(${a.target.kind})`}</code>
                </>
              )}
              {a.criticality && <span className={`badge crit-${a.criticality}`}>{a.criticality}</span>}
              {a.owner && <span className="muted"> · owner {a.owner}</span>}
              {a.source === 'protected' && <span className="badge badge-danger">protected</span>}
              {a.source === 'autoOk' && <span className="badge">auto-OK</span>}
            </li>
          ))}
        </ul>
      )}
      <p data-testid="blast-radius">
        Blast radius used: {budget(blastRadius.perRun)} this run · {budget(blastRadius.perHour)} this hour
        {blastRadius.killSwitch && <span className="badge badge-danger">kill switch on</span>}
      </p>
      {event.length > 0 && (
        <dl className="event-summary" aria-label="Triggering event">
          {event.map((f) => (
            <div key={f.path}>
              <dt>{f.path}</dt>
              <dd>{String(f.value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
