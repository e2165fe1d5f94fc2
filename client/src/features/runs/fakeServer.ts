/**
 * Tests only: the server's side of `fetch`, answering per request, so that a page under
 * test goes through the real `api()` and its reply is parsed with the route's contract.
 */
import { vi } from 'vitest';

export interface FakeRequest {
  method: string;
  /** The path under /api with its query string, e.g. `/runs?limit=50`. */
  url: string;
  body: unknown;
}

/** Throw from a handler to answer with an error status. */
export class FakeReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/**
 * Stubs the global `fetch` (undo with `vi.unstubAllGlobals()`): each request goes to
 * `handle`, whose return value is the 200 JSON reply (undefined: 204). Every request is
 * kept in `requests`.
 */
export function fakeServer(handle: (req: FakeRequest) => unknown) {
  const requests: FakeRequest[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const req: FakeRequest = {
        method: init.method ?? 'GET',
        url: input.replace(/^\/api/, ''),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      requests.push(req);
      try {
        const body = await handle(req);
        return body === undefined ? new Response(null, { status: 204 }) : json(200, body);
      } catch (e) {
        if (e instanceof FakeReply) return json(e.status, e.body);
        throw e;
      }
    }),
  );
  return { requests };
}
