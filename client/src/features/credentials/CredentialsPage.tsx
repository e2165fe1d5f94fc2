import type { ConnectorSummary, CredentialHealthItem, CredentialInfo } from '@autonomic/api';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/store';
import { getCredentialHealth, listConnectors, listCredentials } from './api';
import { CreateCredentialForm } from './CreateCredentialForm';
import { CredentialRow } from './CredentialRow';
import { connectorLabel } from './settingsFields';
import './credentials.css';

/**
 * `/admin/credentials`: the connector credentials (never their values). Admins create,
 * test, rotate and delete them; everyone else sees the list and is told that only admins
 * manage it. Each shows its health probe (state, latest, next); admins and reviewers open
 * its probe history. `?connector=<id>` (the editor's "Create a credential" link) opens the create
 * form with that connector chosen.
 */
export function CredentialsPage() {
  const role = useAuth((s) => s.user?.role);
  const canManage = role === 'admin';
  const showProbes = role === 'admin' || role === 'reviewer';
  const [search, setSearch] = useSearchParams();
  const preset = search.get('connector') ?? '';
  const [credentials, setCredentials] = useState<CredentialInfo[] | null>(null);
  const [connectors, setConnectors] = useState<ConnectorSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [health, setHealth] = useState<ReadonlyMap<string, CredentialHealthItem>>(new Map());
  const [healthError, setHealthError] = useState<string | null>(null);
  const [creating, setCreating] = useState(canManage && preset !== '');
  const [created, setCreated] = useState<string | null>(null);

  const reload = useCallback(() => {
    listCredentials().then(
      (r) => setCredentials(r.credentials),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    // A test, rotation or change moves the probe state too.
    getCredentialHealth().then(
      (r) => {
        setHealth(new Map(r.connectors.flatMap((c) => c.credentials.map((h) => [h.name, h] as const))));
        setHealthError(null);
      },
      (e: unknown) => setHealthError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(() => {
    reload();
    listConnectors().then(
      (r) => setConnectors(r.connectors),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [reload]);

  const nameOf = (id: string) => {
    const c = connectors?.find((x) => x.id === id);
    return c ? connectorLabel(c) : id;
  };
  const close = () => {
    setCreating(false);
    if (preset) setSearch({}, { replace: true });
  };

  return (
    <section aria-labelledby="credentials-title" className="credentials-page">
      <h1 id="credentials-title">Connector credentials</h1>
      <p className="muted">
        What connector steps authenticate with. Test credentials are used by simulations, live ones by real runs. Values
        are stored encrypted and never shown.
      </p>
      {!canManage && (
        <p role="note" data-testid="admins-only">
          Only admins can create, test, rotate or delete credentials.
          {preset && ` To use ${nameOf(preset)}, ask an admin to create a credential for it.`}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {healthError && (
        <p role="alert" className="error">
          Could not load the probe states: {healthError}
        </p>
      )}
      {created && (
        <p role="status" className="ok">
          Created {created}.
        </p>
      )}
      {canManage && !creating && (
        <button type="button" onClick={() => setCreating(true)}>
          New credential
        </button>
      )}
      {canManage && creating && connectors && (
        <CreateCredentialForm
          key={preset}
          connectors={connectors}
          initialConnector={preset}
          onCreated={(c) => {
            setCreated(c.name);
            close();
            reload();
          }}
          onCancel={close}
        />
      )}
      {credentials === null ? (
        !error && <p aria-busy="true">Loading credentials…</p>
      ) : credentials.length === 0 ? (
        <p>No credentials yet.</p>
      ) : (
        <table className="cred-table">
          <caption className="visually-hidden">Credentials</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Connector</th>
              <th scope="col">Mode</th>
              <th scope="col">Last used</th>
              <th scope="col">Last tested</th>
              <th scope="col">Rotated</th>
              <th scope="col">Health probe</th>
              <th scope="col">Created</th>
              {canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {credentials.map((c) => (
              <CredentialRow
                key={c.id}
                credential={c}
                connectorName={nameOf(c.connectorId)}
                canManage={canManage}
                health={health.get(c.name)}
                showProbes={showProbes}
                onChanged={reload}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
