import { useCallback, useEffect, useState } from 'react';
import type { ConnectorHealth, CredentialHealthItem } from '@autonomic/api';
import { PROBE_STATE_LABEL, probeBadgeClass, probeOutcome } from '../credentials/probeState';
import { getConnectorHealth } from './api';
import { DataTable } from './DataTable';
import { DriftList } from './DriftList';
import { count } from './format';

const STATUS_BADGE: Record<ConnectorHealth['status'], string> = {
  ok: 'badge badge-succeeded',
  degraded: 'badge badge-waiting',
  failing: 'badge badge-failed',
  unknown: 'badge',
};

const when = (iso: string) => new Date(iso).toLocaleString();

/** One credential: its state, and when its latest probe ran and what it said. */
function CredentialLine({ c }: { c: CredentialHealthItem }) {
  const probe = c.lastProbe;
  return (
    <li data-testid={`credential-health-${c.name}`}>
      <code>{c.name}</code> <span className={probeBadgeClass(c.state)}>{PROBE_STATE_LABEL[c.state]}</span>
      {probe && (
        <span className="muted">
          {' '}
          {when(probe.at)}
          {!probe.ok && `: ${probeOutcome(probe)}`}
        </span>
      )}
    </li>
  );
}

/** The element a connector's "Show drift" button opens. */
const driftId = (connectorId: string) => `dash-drift-${connectorId}`;

type State =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rows: ConnectorHealth[] };

/**
 * Connector health: per connector with credentials, whether its vendor answers the scheduled
 * probes, what drifted in its answers, and the workflows a failing credential affects.
 * Independent of the dashboard's range: it is the state now.
 */
export function ConnectorHealthPanel() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [reloads, setReloads] = useState(0);
  // A refresh (after an acknowledgement) keeps the table shown until the new counts arrive.
  useEffect(() => {
    let live = true;
    getConnectorHealth()
      .then((r) => live && setState({ status: 'ready', rows: r.connectors }))
      .catch((e: Error) => live && setState({ status: 'error', message: e.message }));
    return () => {
      live = false;
    };
  }, [reloads]);
  const refresh = useCallback(() => setReloads((n) => n + 1), []);
  const toggle = (connectorId: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(connectorId)) next.add(connectorId);
      return next;
    });
  return (
    <section className="dash-panel wide" aria-labelledby="dash-connector-health">
      <header className="dash-panel-head">
        <h2 id="dash-connector-health">Connector health</h2>
      </header>
      {state.status === 'loading' && <p aria-busy="true">Loading…</p>}
      {state.status === 'error' && (
        <p role="alert" className="error">
          Could not load connector health: {state.message}
        </p>
      )}
      {state.status === 'ready' && state.rows.length === 0 && (
        <p className="dash-empty" role="status">
          No connector has a credential yet.
        </p>
      )}
      {state.status === 'ready' && state.rows.length > 0 && (
        <DataTable
          caption="Health per connector"
          rows={state.rows}
          rowKey={(r) => r.connectorId}
          columns={[
            { header: 'Connector', cell: (r) => r.name },
            { header: 'Status', cell: (r) => <span className={STATUS_BADGE[r.status]}>{r.status}</span> },
            {
              header: 'Credentials (last probe)',
              cell: (r) => (
                <ul className="dash-health-list">
                  {r.credentials.map((c) => (
                    <CredentialLine key={c.name} c={c} />
                  ))}
                </ul>
              ),
            },
            {
              header: 'Drift (open / total)',
              cell: (r) => `${count(r.drift.open)} / ${count(r.drift.events)}`,
              numeric: true,
            },
            {
              header: 'Drift rows',
              cell: (r) =>
                r.drift.events === 0 ? (
                  <span className="muted">no drift</span>
                ) : (
                  <button
                    type="button"
                    aria-expanded={open.has(r.connectorId)}
                    aria-controls={driftId(r.connectorId)}
                    onClick={() => toggle(r.connectorId)}
                  >
                    {open.has(r.connectorId) ? 'Hide drift' : `Show drift (${count(r.drift.open)})`}
                  </button>
                ),
            },
            {
              header: 'Affected workflows',
              cell: (r) =>
                r.affectedWorkflows.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="dash-health-list">
                    {r.affectedWorkflows.map((w) => (
                      <li key={w.id}>
                        <a href={`/workflows/${w.id}`}>{w.name}</a>{' '}
                        <span className="muted">({w.credentials.join(', ')})</span>
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      )}
      {state.status === 'ready' &&
        state.rows
          .filter((r) => open.has(r.connectorId))
          .map((r) => (
            <DriftList
              key={r.connectorId}
              id={driftId(r.connectorId)}
              connectorId={r.connectorId}
              connectorName={r.name}
              onAcknowledged={refresh}
            />
          ))}
    </section>
  );
}
