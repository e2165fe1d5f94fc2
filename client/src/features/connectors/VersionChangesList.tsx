import type { VersionChanges } from './versionChanges';
import { isEmptyChange } from './versionChanges';

/** What the newest version changes for steps pinned to an older one, before anyone clicks "Upgrade". */
export function VersionChangesList({ changes, to }: { changes: VersionChanges; to: string }) {
  if (isEmptyChange(changes)) {
    return <p className="muted">{to} keeps every action, effect and target: a plain bump.</p>;
  }
  return (
    <div className="conn-changes" aria-label={`What ${to} changes`}>
      <strong>What {to} changes:</strong>
      <ul>
        {changes.added.map((a) => (
          <li key={`+${a}`}>
            adds action <code>{a}</code>
          </li>
        ))}
        {changes.removed.map((a) => (
          <li key={`-${a}`} className="conn-risky">
            removes action <code>{a}</code> (steps using it cannot be upgraded)
          </li>
        ))}
        {changes.changed.map((c) => (
          <li key={`${c.action}-${c.what}`} className={c.risky ? 'conn-risky' : undefined}>
            <code>{c.action}</code> {c.what}: <del>{c.before}</del> → <ins>{c.after}</ins>
            {c.risky && ' (high risk)'}
          </li>
        ))}
      </ul>
    </div>
  );
}
