import type { AuditFilters } from './api';

/** The URL keys of the viewer's filters (`from`/`to` as the `datetime-local` inputs write them). */
export const FILTER_KEYS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** A `datetime-local` value (the reader's time zone) as an ISO instant, or undefined. */
function localToIso(v: string | null): string | undefined {
  if (!v) return undefined;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** The filters as kept in the page's URL, as the API reads them. */
export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  const f: AuditFilters = {};
  for (const key of ['actor', 'action', 'targetType', 'targetId'] as const) {
    const v = search.get(key)?.trim();
    if (v) f[key] = v;
  }
  const from = localToIso(search.get('from'));
  const to = localToIso(search.get('to'));
  if (from) f.from = from;
  if (to) f.to = to;
  return f;
}
