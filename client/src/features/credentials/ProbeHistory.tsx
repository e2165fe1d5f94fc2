import type { CredentialProbe } from '@autonomic/api';
import { useEffect, useState } from 'react';
import { listProbes } from './api';

const when = (iso: string) => new Date(iso).toLocaleString();

type State =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; probes: CredentialProbe[] };

/** The probes, newest first, read each time the disclosure opens (a probe may have run meanwhile). */
function ProbeTable({ id, name }: { id: string; name: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    listProbes(name).then(
      (r) => live && setState({ status: 'ready', probes: r.probes }),
      (e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [name]);
  return (
    <div id={id} className="cred-probes">
      {state.status === 'loading' && <p aria-busy="true">Loading probes…</p>}
      {state.status === 'error' && (
        <p role="alert" className="error">
          Could not load the probes of {name}: {state.message}
        </p>
      )}
      {state.status === 'ready' && state.probes.length === 0 && <p className="muted">Not probed yet.</p>}
      {state.status === 'ready' && state.probes.length > 0 && (
        <table className="cred-probe-table">
          <caption className="visually-hidden">Probe history of {name}</caption>
          <thead>
            <tr>
              <th scope="col">At</th>
              <th scope="col">Result</th>
              <th scope="col">HTTP status</th>
              <th scope="col">Message</th>
              <th scope="col">Took</th>
              <th scope="col">Run</th>
            </tr>
          </thead>
          <tbody>
            {state.probes.map((p, i) => (
              <tr key={`${p.at}-${i}`}>
                <td>{when(p.at)}</td>
                <td>
                  <span className={p.ok ? 'badge badge-succeeded' : 'badge badge-failed'}>
                    {p.ok ? 'ok' : 'failed'}
                  </span>
                </td>
                <td>{p.status ?? 'no answer'}</td>
                <td>{p.message}</td>
                <td>{p.ms} ms</td>
                <td>{p.source === 'schedule' ? 'scheduled' : 'manual'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** "Probe history": a disclosure listing a credential's recent probes (admins and reviewers). */
export function ProbeHistory({ name }: { name: string }) {
  const [open, setOpen] = useState(false);
  const id = `cred-probes-${name}`;
  return (
    <div className="cred-probe-history">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Probe history
      </button>
      {open && <ProbeTable id={id} name={name} />}
    </div>
  );
}
