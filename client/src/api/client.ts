import { ApiErrorBody, pathOf, queryOf, type RequestOf, type ResultOf, type RouteContract } from '@autonomic/api';
import { takeEarlyRead } from './earlyReads';

/** An API error as the server describes it: a stable code, a message, the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string; code?: string | undefined }[] = [],
  ) {
    super(message);
  }
}

/** A reply that does not have the shape the route's contract promises: a clear error here, not a crash later. */
export class ContractError extends ApiError {
  constructor(route: RouteContract, issues: { path: PropertyKey[]; message: string }[]) {
    const details = issues
      .slice(0, 10)
      .map((i) => ({ path: ['reply', ...i.path.map(String)].join('.'), message: i.message }));
    super(
      0,
      'bad_reply',
      `the server's reply to ${route.method.toUpperCase()} ${route.path} is not what this page expects`,
      details,
    );
  }
}

let csrfToken: string | null = null;

/** Set after login or /auth/me; sent on every unsafe request (the session cookie needs it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Parts {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

const urlFor = (route: RouteContract, r: Parts): string => `/api${pathOf(route.path, r.params)}${queryOf(r.query)}`;

/** The URL (under the origin) of a route with these params and query, e.g. for a download link. */
export function urlOf<C extends RouteContract>(route: C, request: Pick<RequestOf<C>, 'params' | 'query'>): string {
  return urlFor(route, request as Parts);
}

/** Sends one request; answers the parsed JSON (undefined for 204) or throws ApiError for any non-2xx answer. */
async function send(method: string, url: string, body: unknown, signal: AbortSignal | undefined): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  const early = method === 'GET' && !signal ? await takeEarlyRead(url) : null;
  const res =
    early ??
    (await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    }));
  if (res.status === 204) return undefined;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, 'bad_reply', `${res.status} ${res.statusText}: the reply is not JSON`);
  }
  if (!res.ok) {
    const parsed = ApiErrorBody.safeParse(json);
    if (parsed.success) {
      const e = parsed.data.error;
      throw new ApiError(res.status, e.code, e.message, e.details);
    }
    throw new ApiError(res.status, 'http_error', `${res.status} ${res.statusText}`);
  }
  return json;
}

interface CallOptions {
  signal?: AbortSignal;
}

/** The request may be left out when nothing in it is required (no params, no body). */
type ApiArgs<C extends RouteContract> =
  Partial<RequestOf<C>> extends RequestOf<C>
    ? [request?: RequestOf<C>, init?: CallOptions]
    : [request: RequestOf<C>, init?: CallOptions];

/**
 * Calls a route of the API contract: the URL comes from its path and params, the reply
 * is parsed with its response schema (a malformed reply is a `ContractError`).
 *
 * @example const run = await api(runsApi.get, { params: { id } });
 */
export async function api<C extends RouteContract>(route: C, ...[request, init]: ApiArgs<C>): Promise<ResultOf<C>> {
  const r = (request ?? {}) as Parts;
  const json = await send(route.method.toUpperCase(), urlFor(route, r), r.body, init?.signal);
  if (!route.response) return json as ResultOf<C>;
  const parsed = route.response.safeParse(json);
  if (!parsed.success) throw new ContractError(route, parsed.error.issues);
  return parsed.data as ResultOf<C>;
}
