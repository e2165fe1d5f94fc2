import type { ConnectorDrift } from '@autonomic/api';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../../auth/store';
import { acknowledgeDrift, listConnectorDrift } from './api';
import { DataTable } from './DataTable';
import { count } from './format';

const when = (iso: string) => new Date(iso).toLocaleString();

/** What drifted, in words: `field gone`, `new field`, `type changed: integer → string`. */
export function driftInWords(d: Pick<ConnectorDrift, 'kind' | 'expected' | 'actual' | 'required'>): string {
  if (d.kind === 'missing') return d.required ? 'field gone (required)' : 'field gone';
  if (d.kind === 'new') return 'new field';
  return `type changed: ${d.expected} → ${d.actual}`;
}

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rows: ConnectorDrift[] };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One connector's drift rows (most recently seen first): which action's answer drifted
 * where and how, how often, whether it failed steps, the masked sample, and whether it is
 * acknowledged. Admins acknowledge open rows; `onAcknowledged` lets the panel recount.
 */
export function DriftList({
  id,
  connectorId,
  connectorName,
  onAcknowledged,
}: {
  /** The element id the panel's "Show drift" button controls. */
  id: string;
  connectorId: string;
  connectorName: string;
  onAcknowledged(): void;
}) {
  const isAdmin = useAuth((s) => s.user?.role) === 'admin';
  const [state, setState] = useState<State>({ status: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [ackError, setAckError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      listConnectorDrift(connectorId).then(
        (r) => setState({ status: 'ready', rows: r.drift }),
        (e: unknown) => setState({ status: 'error', message: message(e) }),
      ),
    [connectorId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function acknowledge(d: ConnectorDrift) {
    setBusy(d.id);
    setAckError(null);
    try {
      await acknowledgeDrift(d.id);
      await load();
      onAcknowledged();
    } catch (e) {
      setAckError(`Could not acknowledge ${d.action} ${d.path}: ${message(e)}`);
    } finally {
      setBusy(null);
    }
  }

  const caption = `Drift of ${connectorName}`;
  return (
    <section id={id} className="dash-drift" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{caption}</h3>
      {state.status === 'loading' && <p aria-busy="true">Loading drift…</p>}
      {state.status === 'error' && (
        <p role="alert" className="error">
          Could not load the drift of {connectorName}: {state.message}
        </p>
      )}
      {ackError && (
        <p role="alert" className="error">
          {ackError}
        </p>
      )}
      {state.status === 'ready' && state.rows.length === 0 && (
        <p className="dash-empty">No drift recorded for {connectorName}.</p>
      )}
      {state.status === 'ready' && state.rows.length > 0 && (
        <DataTable
          caption={caption}
          rows={state.rows}
          rowKey={(d) => d.id}
          columns={[
            {
              header: 'Action',
              cell: (d) => (
                <>
                  {d.action} <span className="muted">v{d.version}</span>
                </>
              ),
            },
            { header: 'Path', cell: (d) => <code>{d.path}</code> },
            { header: 'Change', cell: (d) => driftInWords(d) },
            { header: 'Seen', cell: (d) => count(d.count), numeric: true },
            { header: 'First seen', cell: (d) => when(d.firstSeenAt) },
            { header: 'Last seen', cell: (d) => when(d.lastSeenAt) },
            {
              header: 'Steps failed',
              cell: (d) => (d.failing ? <span className="badge badge-failed">yes</span> : 'no'),
            },
            {
              header: 'Sample (masked)',
              cell: (d) =>
                d.sample === null || d.sample === undefined ? (
                  <span className="muted">none</span>
                ) : (
                  <code className="dash-drift-sample">{JSON.stringify(d.sample)}</code>
                ),
            },
            {
              header: 'State',
              cell: (d) =>
                d.acknowledgedAt ? (
                  <span className="muted">acknowledged {when(d.acknowledgedAt)}</span>
                ) : (
                  <>
                    <span className="badge badge-waiting">open</span>
                    {isAdmin && (
                      <>
                        {' '}
                        <button
                          type="button"
                          disabled={busy !== null}
                          aria-label={`Acknowledge ${d.action} ${d.path}`}
                          onClick={() => void acknowledge(d)}
                        >
                          Acknowledge
                        </button>
                      </>
                    )}
                  </>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
