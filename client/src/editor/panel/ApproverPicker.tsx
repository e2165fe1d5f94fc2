import { ROLES, usersApi, type UserSummary } from '@autonomic/api';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { FieldProps } from './fieldProps';
import { GroupShell } from './GroupShell';
import { usePanel } from './PanelContext';
import type { Path } from './problems';
import { useFieldIds } from './useFieldIds';

/** The directory, read once per page: every approvers field of every step shares it; null when it failed. */
let directory: Promise<UserSummary[] | null> | undefined;
const loadDirectory = () =>
  (directory ??= api(usersApi.directory).then(
    (r) => r.users,
    () => {
      directory = undefined; // retried next time a picker mounts
      return null;
    },
  ));

/** From this many people, the list gets a search box. */
const SEARCH_FROM = 8;

/** Tests only: forget the cached directory. */
export function resetDirectoryCache(): void {
  directory = undefined;
}

/** `users` / `roles` of an approval step's `approvers` (its own or an escalation level's). */
export function approverListOf(name: string, path: Path): 'users' | 'roles' | undefined {
  if (path[path.length - 2] !== 'approvers') return undefined;
  return name === 'users' || name === 'roles' ? name : undefined;
}

/**
 * Approvers picked from the user directory (`GET /users/directory`) or the roles, one
 * checkbox each (the step's own approvers and each escalation / break-glass level's); a
 * long directory is searched by name, the ticked ones always shown. A name the directory
 * does not know stays listed, marked unknown (the server reports it as a problem too), so
 * that a typo can be seen and unticked.
 */
export function ApproverPicker({
  list,
  value,
  onChange,
  path,
  label,
  required,
}: FieldProps & { list: 'users' | 'roles' }) {
  const { readOnly } = usePanel();
  const ids = useFieldIds(path);
  const [users, setUsers] = useState<UserSummary[] | null | undefined>(list === 'users' ? undefined : []);
  const [query, setQuery] = useState('');
  useEffect(() => {
    if (list !== 'users') return;
    let live = true;
    void loadDirectory().then((u) => live && setUsers(u));
    return () => {
      live = false;
    };
  }, [list]);
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const options =
    list === 'roles'
      ? ROLES.map((r) => ({ value: r, text: r, known: true }))
      : (users ?? []).map((u) => ({ value: u.username, text: `${u.displayName} (${u.username})`, known: true }));
  const known = new Set(options.map((o) => o.value));
  // A user may be named by id too: the directory knows it under its username.
  const byId = new Map((users ?? []).map((u) => [u.id, u.username]));
  const unknown = users ? chosen.filter((c) => !known.has(c) && !byId.has(c)) : [];
  // Without the directory the named users stay listed as they are, to be kept or unticked.
  const kept = list === 'users' && users === null ? chosen.map((c) => ({ value: c, text: c, known: true })) : [];
  const all = [...options, ...kept, ...unknown.map((u) => ({ value: u, text: `${u} (unknown)`, known: false }))];
  const isChosen = (v: string) =>
    chosen.includes(v) || [...byId].some(([id, name]) => name === v && chosen.includes(id));
  const searchable = list === 'users' && options.length >= SEARCH_FROM;
  const q = query.trim().toLowerCase();
  const shown = q === '' ? all : all.filter((o) => isChosen(o.value) || o.text.toLowerCase().includes(q));
  const toggle = (v: string, on: boolean) =>
    onChange(on ? [...chosen, v] : chosen.filter((c) => c !== v && byId.get(c) !== v));
  return (
    <GroupShell ids={ids} label={label} required={required} help={undefined} className="pf-checks">
      {list === 'users' && users === undefined && <p aria-busy="true">Loading the directory…</p>}
      {users === null && (
        <p className="pf-help" role="status">
          The user directory could not be loaded: the users named here are kept. Reload the page to pick others.
        </p>
      )}
      {searchable && (
        <input
          type="search"
          className="pf-input"
          aria-label={`Search ${label.toLowerCase()} by name`}
          placeholder="Search by name…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      {searchable && q !== '' && shown.length === 0 && <p className="pf-unset">Nobody matches “{query.trim()}”.</p>}
      <div className="pf-check-grid" data-testid={`approver-picker-${list}`}>
        {shown.map((o) => (
          <label key={o.value} className={`pf-check-option${o.known ? '' : ' pf-invalid'}`}>
            <input
              type="checkbox"
              checked={isChosen(o.value)}
              disabled={readOnly}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            {o.text}
          </label>
        ))}
      </div>
    </GroupShell>
  );
}
