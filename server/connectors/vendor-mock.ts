/**
 * A vendor API stand-in on 127.0.0.1 (a free port): real HTTP, the vendor's auth check
 * first, then a switch that answers 429 with Retry-After to the next N calls, then the
 * vendor's routes. Every request is recorded for the test to inspect.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface MockAnswer {
  status: number;
  /** Sent as JSON, unless `text` is given. */
  body: unknown;
  /** A plain-text answer instead of JSON (Slack's webhook answers `ok`, `invalid_token`). */
  text?: string;
  headers?: Record<string, string>;
}

export interface VendorBehaviour {
  /** The vendor's answer to a missing or wrong credential; undefined lets the request through. */
  authFailure(req: MockRequest): MockAnswer | undefined;
  /** The vendor's 429, asking to wait `retryAfterSeconds`. */
  rateLimited(retryAfterSeconds: number): MockAnswer;
  route(req: MockRequest): MockAnswer;
}

export interface VendorMock {
  /** `http://127.0.0.1:<port>`: the connector's base URL in tests. */
  baseUrl: string;
  /** Every request received, in order. */
  calls: MockRequest[];
  /** The next `calls` authorised requests get the vendor's 429 with this Retry-After. */
  rateLimitNext(calls: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

export async function startVendorMock(vendor: VendorBehaviour): Promise<VendorMock> {
  const calls: MockRequest[] = [];
  let limited = 0;
  let retryAfter = 1;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://mock');
      const seen: MockRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      calls.push(seen);
      let answer = vendor.authFailure(seen);
      if (!answer && limited > 0) {
        limited--;
        answer = vendor.rateLimited(retryAfter);
      }
      answer ??= vendor.route(seen);
      const type = answer.text === undefined ? 'application/json' : 'text/html';
      res.writeHead(answer.status, { 'content-type': type, ...answer.headers });
      res.end(answer.text ?? JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    rateLimitNext(n, seconds = 1) {
      limited = n;
      retryAfter = seconds;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
