import type { ConnectionTest, CredentialHealthItem, CredentialInfo } from '@autonomic/api';
import { useState } from 'react';
import { deleteCredential, testCredential } from './api';
import { ProbeCell } from './ProbeCell';
import { RotateForm } from './RotateForm';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

type Open = 'none' | 'rotate' | 'delete';

/**
 * One credential: name, connector, mode, last used, last tested, last rotated (the value's version),
 * health probe, created; for admins
 * "Test connection" (its result shown in the row), rotate and delete (confirmed first).
 */
export function CredentialRow({
  credential: c,
  connectorName,
  canManage,
  health,
  showProbes,
  onChanged,
}: {
  credential: CredentialInfo;
  connectorName: string;
  canManage: boolean;
  /** Its probe state and latest probe; undefined while not loaded. */
  health: CredentialHealthItem | undefined;
  /** Whether the caller may read its probe history (admins and reviewers). */
  showProbes: boolean;
  onChanged(): void;
}) {
  const [open, setOpen] = useState<Open>('none');
  const [busy, setBusy] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  const runTest = () =>
    act(async () => {
      setTest(await testCredential(c.name));
      onChanged();
    });
  const remove = () =>
    act(async () => {
      await deleteCredential(c.name);
      onChanged();
    });

  return (
    <tr data-testid={`credential-${c.name}`}>
      <th scope="row">{c.name}</th>
      <td>{connectorName}</td>
      <td>
        <span className={`cred-mode cred-mode-${c.mode}`}>{c.mode}</span>
      </td>
      <td>{when(c.lastUsedAt)}</td>
      <td>
        {c.lastTest ? `${when(c.lastTest.at)}: ${c.lastTest.ok ? 'ok' : 'failed'}` : 'never'}
        {c.rotation.failedAt && (
          <span className="muted"> (a rotation failed {when(c.rotation.failedAt)}; the old value stayed)</span>
        )}
      </td>
      <td data-testid="rotation">
        {c.rotation.rotatedAt ? `version ${c.rotation.version}, ${when(c.rotation.rotatedAt)}` : 'never'}
      </td>
      <ProbeCell name={c.name} health={health} showHistory={showProbes} />
      <td>{when(c.createdAt)}</td>
      {canManage && (
        <td className="cred-row-actions">
          <button type="button" disabled={busy} onClick={() => void runTest()}>
            Test connection
          </button>
          <button type="button" disabled={busy} onClick={() => setOpen(open === 'rotate' ? 'none' : 'rotate')}>
            Rotate
          </button>
          <button type="button" disabled={busy} onClick={() => setOpen('delete')}>
            Delete
          </button>
          {test && (
            <p role="status" data-testid="test-result" className={test.ok ? 'ok' : 'error'}>
              {test.ok ? 'Connection ok' : 'Connection failed'}
              {test.status !== undefined ? ` (HTTP ${test.status})` : ''}: {test.message} · {test.ms} ms
            </p>
          )}
          {open === 'rotate' && <RotateForm name={c.name} onDone={onChanged} onCancel={() => setOpen('none')} />}
          {open === 'delete' && (
            <div role="alertdialog" aria-label={`Delete ${c.name}`} className="cred-confirm">
              <p>Delete {c.name}? Steps that name it will fail until another is chosen.</p>
              <button type="button" disabled={busy} onClick={() => void remove()}>
                Delete {c.name}
              </button>
              <button type="button" onClick={() => setOpen('none')}>
                Keep it
              </button>
            </div>
          )}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
