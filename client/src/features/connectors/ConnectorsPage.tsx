import type { ConnectorListItem } from '@autonomic/api';
import { useState } from 'react';
import { useAsync } from '../versions/useAsync';
import { listConnectors } from './api';
import { ConnectorDetails } from './ConnectorDetails';
import './connectors.css';

/**
 * `/connectors`: the connectors this server runs (built-in and custom) with their versions,
 * and, per connector opened, where each version is used and an "Upgrade to x.y.z" per
 * workflow still on an older one. An upgrade is a new draft that goes through review.
 */
export function ConnectorsPage() {
  const { data, error } = useAsync(() => listConnectors(), 'connectors');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section aria-labelledby="connectors-title" className="connectors-page">
      <h1 id="connectors-title">Connectors</h1>
      <p className="muted">
        The vendor APIs playbooks call, each step pinned to a version. A newer version is never used by itself: an
        upgrade is a new draft whose review shows what the new version changes.
      </p>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {!data && !error && <p aria-busy="true">Loading connectors…</p>}
      {data && data.connectors.length === 0 && <p>No connector is installed.</p>}
      {data && (
        <ul className="conn-list">
          {data.connectors.map((c) => (
            <ConnectorEntry key={c.id} connector={c} open={open.has(c.id)} onToggle={() => toggle(c.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConnectorEntry({
  connector: c,
  open,
  onToggle,
}: {
  connector: ConnectorListItem;
  open: boolean;
  onToggle(): void;
}) {
  const installed = c.versions.filter((v) => v.status === 'installed');
  return (
    <li className="conn-entry" data-testid={`connector-${c.id}`}>
      <div className="conn-head">
        <h2>
          {c.name} <span className="muted">· {c.vendor}</span>
        </h2>
        <span className={`conn-tag conn-source-${c.source}`}>{c.source}</span>
        <span>
          installed: {installed.map((v) => v.version).join(', ') || 'none'}
          {c.versions.length > installed.length && (
            <span className="muted"> · {c.versions.length - installed.length} awaiting review or rejected</span>
          )}
        </span>
        <button type="button" aria-expanded={open} onClick={onToggle}>
          {open ? 'Hide versions' : 'Versions and usages'}
        </button>
      </div>
      <p className="conn-effects">
        {c.actions.map((a) => (
          <span key={a.id} className={`conn-effect conn-effect-${a.effect}`} title={a.title}>
            {a.id}: {a.effect}
          </span>
        ))}
      </p>
      {open && <ConnectorDetails connectorId={c.id} />}
    </li>
  );
}
