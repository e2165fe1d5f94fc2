import type { Asset, CreateAsset } from '@autonomic/api';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../../auth/store';
import { problemWords } from '../../api/problems';
import { AdminsOnlyNote } from '../shared/AdminsOnlyNote';
import { ListToolbar } from '../shared/ListToolbar';
import { PageMessages } from '../shared/PageMessages';
import { SearchForm } from '../shared/SearchForm';
import { createAsset, deleteAsset, exportUrl, listAssets, updateAsset } from './api';
import { AssetForm } from './AssetForm';
import { AssetRow } from './AssetRow';
import { ImportPanel } from './ImportPanel';
import './assets.css';

const PAGE = 100;
type Panel = { type: 'none' } | { type: 'new' } | { type: 'edit'; asset: Asset } | { type: 'import' };

/**
 * `/admin/assets`: the asset inventory (what a target is, how critical, who owns it).
 * Everyone searches it and downloads it as CSV; admins add, edit, delete (after a
 * confirmation) and import CSV. Values are shown as text, never as markup.
 */
export function AssetsPage() {
  const canManage = useAuth((s) => s.user?.role) === 'admin';
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [assets, setAssets] = useState<Asset[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>({ type: 'none' });

  const load = useCallback((term: string, after?: string) => {
    setError(null);
    listAssets({ limit: PAGE, ...(term ? { q: term } : {}), ...(after ? { after } : {}) }).then(
      (r) => {
        setAssets((prev) => (after && prev ? [...prev, ...r.assets] : r.assets));
        setNext(r.next);
      },
      (e: unknown) => setError(problemWords(e)),
    );
  }, []);
  useEffect(() => load(search), [load, search]);

  const done = (message: string) => {
    setStatus(message);
    setPanel({ type: 'none' });
    load(search);
  };
  const save = async (body: CreateAsset) => {
    if (panel.type === 'edit') {
      await updateAsset(panel.asset.id, body);
      done(`Saved ${body.value}.`);
    } else {
      await createAsset(body);
      done(`Added ${body.value}.`);
    }
  };
  const remove = async (a: Asset) => {
    try {
      await deleteAsset(a.id);
      done(`Deleted ${a.value}.`);
    } catch (e) {
      setError(problemWords(e));
    }
  };

  return (
    <section aria-labelledby="assets-title" className="assets-page">
      <h1 id="assets-title">Assets</h1>
      <p className="muted">
        What a target is, how business-critical, who owns it. The safety lookup step and approvals read this inventory.
      </p>
      {!canManage && <AdminsOnlyNote what="assets" />}
      <ListToolbar
        exportHref={exportUrl()}
        noun="asset"
        canManage={canManage}
        onNew={() => setPanel({ type: 'new' })}
        onImport={() => setPanel({ type: 'import' })}
      >
        <SearchForm
          value={q}
          onChange={setQ}
          placeholder="value, owner, service or tag"
          onSubmit={() => setSearch(q.trim())}
        />
      </ListToolbar>
      <PageMessages status={status} error={error} />
      {canManage && (panel.type === 'new' || panel.type === 'edit') && (
        <AssetForm
          key={panel.type === 'edit' ? panel.asset.id : 'new'}
          {...(panel.type === 'edit' ? { asset: panel.asset } : {})}
          onSave={save}
          onCancel={() => setPanel({ type: 'none' })}
        />
      )}
      {canManage && panel.type === 'import' && (
        <ImportPanel onImported={done} onCancel={() => setPanel({ type: 'none' })} />
      )}
      {assets === null ? (
        !error && <p aria-busy="true">Loading assets…</p>
      ) : assets.length === 0 ? (
        <p>{search ? `No asset matches "${search}".` : 'No assets yet.'}</p>
      ) : (
        <table className="assets-table">
          <caption className="visually-hidden">Assets</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Value</th>
              <th scope="col">Criticality</th>
              <th scope="col">Owner</th>
              <th scope="col">Business service</th>
              <th scope="col">Tags</th>
              {canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {assets.map((a) => (
              <AssetRow
                key={a.id}
                asset={a}
                canManage={canManage}
                onEdit={() => setPanel({ type: 'edit', asset: a })}
                onDelete={() => remove(a)}
              />
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => load(search, next)}>
          More assets
        </button>
      )}
    </section>
  );
}
