import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/store';
import type { VersionSummary } from '@autonomic/api';
import { getVersion, getWorkflow, listVersions, saveVersion } from './api';
import { formatDate } from './format';
import { useAsync } from './useAsync';
import { StatusBadge } from './VersionStatusBadge';
import { RollbackBadge } from './RollbackBadge';
import { ExportLinks } from '../interop/ExportLinks';
import './versions.css';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `/workflows/:id/versions`: the history, with open, compare and restore. */
export function VersionsPage() {
  const { id = '' } = useParams();
  const user = useAuth((s) => s.user);
  const state = useAsync(async () => {
    const [workflow, { versions }] = await Promise.all([getWorkflow(id), listVersions(id)]);
    return { workflow, versions };
  }, id);
  const [compare, setCompare] = useState<number[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const canWrite = user?.role === 'admin' || (user?.role === 'analyst' && state.data?.workflow.ownerId === user.id);

  const toggle = (n: number) => setCompare((c) => (c.includes(n) ? c.filter((x) => x !== n) : [...c.slice(-1), n]));

  const restore = async (v: VersionSummary) => {
    setBusy(v.number);
    setMessage(null);
    try {
      const { document } = await getVersion(id, v.number);
      if (!isObject(document)) throw new Error(`v${v.number} has no document to restore`);
      const saved = await saveVersion(id, document, `restore v${v.number}`);
      setMessage(
        saved.created
          ? { kind: 'ok', text: `Restored v${v.number} as v${saved.version.number} (draft).` }
          : { kind: 'ok', text: `v${v.number} has the same content as v${saved.version.number}: nothing new saved.` },
      );
      state.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError || e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  const pair = [...compare].sort((a, b) => a - b);
  const published = state.data?.workflow.published?.number ?? null;
  // Restoring the latest version would save the same content again.
  const latest = state.data?.versions[0]?.number ?? null;
  return (
    <section aria-labelledby="versions-title">
      <div className="page-head">
        <h1 id="versions-title">{state.data?.workflow.name ?? 'Workflow'}: versions</h1>
        <div className="actions">
          <Link className="button" to={`/workflows/${id}`}>
            Open editor
          </Link>
          <Link className="button" to={`/workflows/${id}/settings`} data-testid="settings-link">
            Settings
          </Link>
          {pair.length === 2 ? (
            <Link
              className="button primary"
              to={`/workflows/${id}/diff?from=${pair[0]}&to=${pair[1]}`}
              data-testid="compare-selected"
            >
              Compare v{pair[0]} and v{pair[1]}
            </Link>
          ) : (
            <span className="muted">Tick two versions to compare them.</span>
          )}
        </div>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : ''}>
          {message.text}
        </p>
      )}
      {state.error && <p role="alert">{state.error.message}</p>}
      {state.loading && !state.data && <p aria-busy="true">Loading…</p>}
      {state.data && (
        <table className="table" data-testid="version-history">
          <thead>
            <tr>
              <th scope="col">Compare</th>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Author</th>
              <th scope="col">Note</th>
              <th scope="col">Hash</th>
              <th scope="col">Saved</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {state.data.versions.map((v) => (
              <tr key={v.number} data-testid={`version-row-${v.number}`}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare v${v.number}`}
                    checked={compare.includes(v.number)}
                    onChange={() => toggle(v.number)}
                  />
                </td>
                <td>v{v.number}</td>
                <td>
                  <StatusBadge status={v.status} /> <RollbackBadge rollback={v.rollback} />
                </td>
                <td>{v.author.displayName}</td>
                <td>{v.changeNote ?? <span className="muted">—</span>}</td>
                <td className="hash" title={v.contentHash}>
                  {v.contentHash.slice(0, 10)}
                </td>
                <td>{formatDate(v.createdAt)}</td>
                <td>
                  <div className="actions">
                    <Link to={`/workflows/${id}/versions/${v.number}`}>Open</Link>
                    {published !== null && published !== v.number && (
                      <Link to={`/workflows/${id}/diff?from=published&to=${v.number}`}>Diff vs published</Link>
                    )}
                    <Link to={`/workflows/${id}/versions/${v.number}/simulate`}>Simulate</Link>
                    <ExportLinks workflowId={id} number={v.number} />
                    {v.status === 'draft' && canWrite && (
                      <Link to={`/workflows/${id}/versions/${v.number}/review`}>Request review</Link>
                    )}
                    {canWrite && v.number !== latest && (
                      <button
                        type="button"
                        disabled={busy !== null}
                        aria-busy={busy === v.number}
                        onClick={() => void restore(v)}
                        data-testid={`restore-${v.number}`}
                      >
                        {busy === v.number ? 'Restoring…' : `Restore v${v.number}`}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
