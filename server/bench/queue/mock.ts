/**
 * The "50 ms local mock": an HTTP receiver on 127.0.0.1 that answers every POST after
 * 50 ms and counts the `Idempotency-Key`s it sees, so that a repeated effect (a step
 * re-sent after a takeover) shows up as a key seen twice.
 */
import { createServer } from 'node:http';

export interface Mock {
  readonly url: string;
  /** Calls received so far. */
  readonly calls: number;
  /** Keys seen more than once since the last `reset`. */
  repeated(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startMock(delayMs = 50): Promise<Mock> {
  const seen = new Map<string, number>();
  let calls = 0;
  const server = createServer((req, res) => {
    calls++;
    const key = String(req.headers['idempotency-key'] ?? '');
    seen.set(key, (seen.get(key) ?? 0) + 1);
    req.resume();
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), delayMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/contain`,
    get calls() {
      return calls;
    },
    repeated: () => [...seen.values()].filter((n) => n > 1).length,
    reset: () => seen.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
