import {
  SafetyKind,
  SafetyListName,
  type CreateSafetyEntry,
  type SafetyEntry,
  type SafetyKind as Kind,
} from '@autonomic/api';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAuth } from '../../auth/store';
import { problemWords } from '../../api/problems';
import { ImportPanel } from '../assets/ImportPanel';
import '../assets/assets.css';
import { AdminsOnlyNote } from '../shared/AdminsOnlyNote';
import { ListToolbar } from '../shared/ListToolbar';
import { PageMessages } from '../shared/PageMessages';
import { SearchForm } from '../shared/SearchForm';
import { createEntry, deleteEntry, exportUrl, importEntries, listEntries, updateEntry } from './api';
import { EntryForm } from './EntryForm';
import { EntryRow } from './EntryRow';
import { LIST_HINT, LIST_LABEL } from './labels';
import './safety-lists.css';

type Panel = { type: 'none' } | { type: 'new' } | { type: 'edit'; entry: SafetyEntry } | { type: 'import' };

const CSV_HEADER = 'list,kind,value,criticality,reason,owner';
const CSV_HINT =
  'list is protected or auto_ok; a reason on every row. Rows are matched by list, kind and value: a known entry is updated.';

const matches = (e: SafetyEntry, term: string) =>
  [e.value, e.reason, e.owner ?? ''].some((s) => s.toLowerCase().includes(term));

/**
 * `/admin/safety`: the protected targets (never contained automatically) and the auto-OK
 * targets (allowed without approval), one tab per list, filtered by kind and searched by
 * value, reason or owner. Everyone reads them and downloads them as CSV; admins add, edit
 * and delete entries (deleting after a confirmation) and import CSV.
 */
export function SafetyListsPage() {
  const canManage = useAuth((s) => s.user?.role) === 'admin';
  const [list, setList] = useState<SafetyEntry['list']>('protected');
  const [kind, setKind] = useState<Kind | ''>('');
  const [q, setQ] = useState('');
  const [entries, setEntries] = useState<SafetyEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>({ type: 'none' });

  const load = useCallback(() => {
    setError(null);
    listEntries().then(
      (r) => setEntries(r.entries),
      (e: unknown) => setError(problemWords(e)),
    );
  }, []);
  useEffect(load, [load]);

  const shown = useMemo(() => {
    const term = q.trim().toLowerCase();
    return (entries ?? []).filter((e) => e.list === list && (!kind || e.kind === kind) && (!term || matches(e, term)));
  }, [entries, list, kind, q]);
  const count = (l: SafetyEntry['list']) => entries?.filter((e) => e.list === l).length ?? 0;

  const done = (message: string) => {
    setStatus(message);
    setPanel({ type: 'none' });
    load();
  };
  const save = async (body: CreateSafetyEntry) => {
    if (panel.type === 'edit') {
      const saved = await updateEntry(panel.entry.id, { ...body, ...(body.assetId ? {} : { assetId: null }) });
      done(`Saved ${saved.value}.`);
    } else {
      const saved = await createEntry(body);
      setList(saved.list);
      done(`Added ${saved.value} to the ${LIST_LABEL[saved.list]} list.`);
    }
  };
  const remove = async (entry: SafetyEntry) => {
    try {
      await deleteEntry(entry.id);
      done(`Deleted ${entry.value}.`);
    } catch (e) {
      setError(problemWords(e));
    }
  };

  return (
    <section aria-labelledby="safety-title" className="safety-lists-page">
      <h1 id="safety-title">Safety lists</h1>
      <p className="muted">Every safety check of a run and of a simulation reads these lists at once.</p>
      {!canManage && <AdminsOnlyNote what="entries" />}
      <div role="tablist" aria-label="Lists" className="safety-tabs">
        {SafetyListName.options.map((l) => (
          <button key={l} type="button" role="tab" aria-selected={list === l} onClick={() => setList(l)}>
            {LIST_LABEL[l]} ({count(l)})
          </button>
        ))}
      </div>
      <p className="muted" data-testid="list-hint">
        {LIST_HINT[list]}
      </p>
      <ListToolbar
        exportHref={exportUrl()}
        noun="entry"
        canManage={canManage}
        onNew={() => setPanel({ type: 'new' })}
        onImport={() => setPanel({ type: 'import' })}
      >
        <SearchForm value={q} onChange={setQ} placeholder="value, reason or owner" />
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value === '' ? '' : SafetyKind.parse(e.target.value))}>
            <option value="">all kinds</option>
            {SafetyKind.options.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </ListToolbar>
      <PageMessages status={status} error={error} />
      {canManage && (panel.type === 'new' || panel.type === 'edit') && (
        <EntryForm
          key={panel.type === 'edit' ? panel.entry.id : 'new'}
          list={list}
          {...(panel.type === 'edit' ? { entry: panel.entry } : {})}
          onSave={save}
          onCancel={() => setPanel({ type: 'none' })}
        />
      )}
      {canManage && panel.type === 'import' && (
        <ImportPanel
          label="Import safety entries"
          header={CSV_HEADER}
          hint={CSV_HINT}
          send={importEntries}
          onImported={done}
          onCancel={() => setPanel({ type: 'none' })}
        />
      )}
      <div role="tabpanel" aria-label={LIST_LABEL[list]}>
        {entries === null ? (
          !error && <p aria-busy="true">Loading the safety lists…</p>
        ) : shown.length === 0 ? (
          <p>{q.trim() || kind ? 'No entry matches.' : `The ${LIST_LABEL[list]} list is empty.`}</p>
        ) : (
          <table className="assets-table">
            <caption className="visually-hidden">{LIST_LABEL[list]} entries</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Value</th>
                <th scope="col">Criticality</th>
                <th scope="col">Reason</th>
                <th scope="col">Owner</th>
                <th scope="col">Added</th>
                {canManage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <EntryRow
                  key={e.id}
                  entry={e}
                  canManage={canManage}
                  onEdit={() => setPanel({ type: 'edit', entry: e })}
                  onDelete={() => remove(e)}
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
