import type { AuditEvent } from '@autonomic/api';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/store';
import { auditExportUrl, auditFacets, listAudit, type AuditPosition } from './api';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditLine } from './AuditLine';
import { filtersFromSearch, type FilterKey } from './filters';
import './audit.css';

const PAGE_SIZE = 50;

interface Page {
  events: AuditEvent[];
  nextCursor: string | null;
  prevCursor: string | null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * `/admin/audit`: the audit log for managers and admins, newest first. Filters (actor,
 * action, target, time) live in the URL; "Older" and "Newer" walk keyset pages; "Export CSV"
 * downloads every line the filters match.
 */
export function AuditPage() {
  const role = useAuth((s) => s.user?.role);
  const allowed = role === 'manager' || role === 'admin';
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const [position, setPosition] = useState<AuditPosition>({});
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [facets, setFacets] = useState<{ actions: string[]; actors: string[]; targetTypes: string[] } | null>(null);

  useEffect(() => {
    if (!allowed) return;
    auditFacets().then(setFacets, (e: unknown) => setError(message(e)));
  }, [allowed]);

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setPage(null);
    listAudit({ ...filters, ...position, limit: PAGE_SIZE }).then(
      (p) => {
        if (ctrl.signal.aborted) return;
        setPage(p);
        setError(null);
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) setError(message(e));
      },
    );
    return () => ctrl.abort();
  }, [allowed, filters, position]);

  const change = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
    setPosition({});
  };

  if (!allowed) {
    return (
      <section aria-labelledby="audit-title" className="audit-page">
        <h1 id="audit-title">Audit log</h1>
        <p role="note">Only managers and admins read the audit log.</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="audit-title" className="audit-page">
      <div className="audit-head">
        <h1 id="audit-title">Audit log</h1>
        <a className="button" href={auditExportUrl(filters)} download data-testid="audit-export">
          Export CSV
        </a>
      </div>
      <p className="muted">
        Who did what, newest first. Secret values are never shown: a secret-named field reads [redacted].
      </p>
      <AuditFiltersBar key={search.get('targetId') ?? ''} search={search} facets={facets} onChange={change} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {page === null ? (
        !error && <p aria-busy="true">Loading the audit log…</p>
      ) : page.events.length === 0 ? (
        <p>No lines match these filters.</p>
      ) : (
        <table className="table audit-table">
          <caption className="visually-hidden">Audit log lines</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {page.events.map((line) => (
              <AuditLine key={line.id} line={line} />
            ))}
          </tbody>
        </table>
      )}
      <nav className="audit-pager" aria-label="Audit log pages">
        <button
          type="button"
          disabled={!page?.prevCursor}
          onClick={() => page?.prevCursor && setPosition({ newer: page.prevCursor })}
        >
          Newer
        </button>
        <button
          type="button"
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setPosition({ cursor: page.nextCursor })}
        >
          Older
        </button>
      </nav>
    </section>
  );
}
