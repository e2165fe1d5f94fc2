/**
 * One request of the authorisation walk: a caller, a route, nameless path parameters and
 * (for routes that take one) a body the route's schema refuses; and what came back.
 */
import request from 'supertest';
import type { RegisteredRoute } from '../../src/http/route';
import type { Caller } from './access-table';
import { namelessPath, routeKey, type AuthzServer } from './harness';

/** Refused by every strict body schema (unknown key) and every schema with a required field. */
export const INVALID_BODY = { __unexpected: 1 };

/** Queries some routes require; without them the walk would only ever see `query.` errors. */
const QUERIES: Record<string, string> = {
  'GET /workflows/:id/diff': 'from=published&to=1',
};

export interface Answer {
  status: number;
  code: string | undefined;
  firstDetail: string | undefined;
  contentType: string;
}

const isStream = (route: RegisteredRoute) => route.method === 'get' && route.path.endsWith('/events');

/** Server-sent events: the answer is read up to its headers, then the connection is dropped. */
async function streamHead(t: AuthzServer, url: string, headers: Record<string, string>): Promise<Answer> {
  const abort = new AbortController();
  const res = await fetch(`${t.baseUrl}${url}`, { headers, signal: abort.signal });
  const contentType = res.headers.get('content-type') ?? '';
  let body: { error?: { code?: string; details?: { path: string }[] } } = {};
  if (contentType.startsWith('application/json')) body = (await res.json()) as typeof body;
  abort.abort();
  return { status: res.status, code: body.error?.code, firstDetail: body.error?.details?.[0]?.path, contentType };
}

export async function call(t: AuthzServer, route: RegisteredRoute, caller: Caller): Promise<Answer> {
  const query = QUERIES[routeKey(route)];
  const url = `/api${namelessPath(route.path)}${query ? `?${query}` : ''}`;
  const headers = t.headers(caller);
  if (isStream(route)) return streamHead(t, url, headers);
  let req = request(t.http)[route.method](url).set(headers).timeout(5_000);
  if (route.body) req = req.send(INVALID_BODY);
  const res = await req;
  return {
    status: res.status,
    code: res.body?.error?.code,
    firstDetail: res.body?.error?.details?.[0]?.path,
    contentType: String(res.headers['content-type'] ?? ''),
  };
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
