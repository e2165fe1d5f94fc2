import type { ConnectorChange } from '@autonomic/api';

type Target = ConnectorChange['target']['before'];
const targetText = (t: Target) => (t ? `${t.kind} (${t.param})` : 'none');

function Pair({ name, before, after }: { name: string; before: string; after: string }) {
  if (before === after) {
    return (
      <span>
        {name} <code>{after}</code>
      </span>
    );
  }
  return (
    <span>
      {name} <del>{before}</del> → <ins>{after}</ins>
    </span>
  );
}

/**
 * Connector steps re-pinned by this change (an upgrade, another action or connector): per
 * step the version, action, effect and target before and after, whether it is one of the
 * risk reasons or a plain bump, and, on the diff page, what of its input no longer fits.
 */
export function ConnectorChanges({ changes }: { changes: readonly ConnectorChange[] }) {
  if (changes.length === 0) return null;
  return (
    <section className="connector-changes" aria-label="Connector upgrades" data-testid="connector-changes">
      <h2>Connector upgrades</h2>
      <ul>
        {changes.map((c) => (
          <li key={c.stepId} data-testid={`connector-change-${c.stepId}`} className={c.highRisk ? 'risk-item' : ''}>
            <strong>{c.label || c.stepId}</strong> <span className="muted">({c.stepId})</span>:{' '}
            {c.connector.before === c.connector.after ? (
              <span>
                {c.connector.after} <del>{c.version.before}</del> → <ins>{c.version.after}</ins>
              </span>
            ) : (
              <span>
                <del>
                  {c.connector.before} {c.version.before}
                </del>{' '}
                →{' '}
                <ins>
                  {c.connector.after} {c.version.after}
                </ins>
              </span>
            )}
            {' · '}
            <Pair name="action" before={c.action.before} after={c.action.after} />
            {' · '}
            <Pair name="effect" before={c.effect.before} after={c.effect.after} />
            {' · '}
            <Pair name="target" before={targetText(c.target.before)} after={targetText(c.target.after)} />{' '}
            <span className={c.highRisk ? 'tag risk-tag' : 'tag muted'}>
              {c.highRisk ? 'high risk' : 'same effect and target'}
            </span>
            {c.inputProblems && c.inputProblems.length > 0 && (
              <ul className="value-changes" aria-label={`What no longer fits in ${c.stepId}`}>
                {c.inputProblems.map((p) => (
                  <li key={`${p.path}:${p.message}`}>
                    <code>{p.path}</code>: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
