import type { RunMode, RunStatus } from '@autonomic/api';
import { RUN_STATUSES, type RunFilters } from './api';

const isStatus = (v: string | null): v is RunStatus => v !== null && RUN_STATUSES.some((s) => s === v);
const isMode = (v: string | null): v is RunMode => v === 'live' || v === 'simulation';

/**
 * The filters of the runs list as kept in the page's URL (`?workflowId=&status=&mode=&from=&to=`,
 * dates as the `datetime-local` inputs write them) and as sent to the API (dates as ISO instants).
 */
export function filtersFromSearch(search: URLSearchParams): RunFilters {
  const f: RunFilters = {};
  const workflowId = search.get('workflowId');
  const status = search.get('status');
  const mode = search.get('mode');
  if (workflowId) f.workflowId = workflowId;
  if (isStatus(status)) f.status = status;
  if (isMode(mode)) f.mode = mode;
  const from = localToIso(search.get('from'));
  const to = localToIso(search.get('to'));
  if (from) f.from = from;
  if (to) f.to = to;
  return f;
}

/** A `datetime-local` value (the reader's time zone) as an ISO instant, or undefined. */
export function localToIso(v: string | null): string | undefined {
  if (!v) return undefined;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
