/**
 * The crash test's receiver: an API that takes ~300 ms per call and honours
 * `Idempotency-Key` as payment APIs do — a repeated key gets the first call's answer and
 * does nothing again. It counts what it saw, so the test can tell duplicates an honouring
 * receiver absorbs (same key again) from ones it could not (one step under two keys).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceiverStats {
  /** Calls received (repeats included). */
  calls: number;
  /** Times it acted (a repeated key does not act again). */
  actions: number;
  /** Calls without an Idempotency-Key. */
  withoutKey: number;
  /** Distinct keys, each with how many calls carried it. */
  callsPerKey: Map<string, number>;
  /** Every keyed call with its arrival (`performance.now()`), in order. */
  arrivals: { key: string; at: number }[];
}

export interface Receiver {
  url: string;
  stats(): ReceiverStats;
  close(): Promise<void>;
}

export async function startReceiver(options: { delayMs: number }): Promise<Receiver> {
  const answers = new Map<string, Promise<string>>();
  const stats: ReceiverStats = { calls: 0, actions: 0, withoutKey: 0, callsPerKey: new Map(), arrivals: [] };
  const act = (key: string) => {
    const action = ++stats.actions;
    return new Promise<string>((resolve) =>
      setTimeout(() => resolve(JSON.stringify({ ok: true, key, action })), options.delayMs),
    );
  };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      stats.calls++;
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') {
        stats.withoutKey++;
        void act('').then((body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
        return;
      }
      stats.callsPerKey.set(key, (stats.callsPerKey.get(key) ?? 0) + 1);
      stats.arrivals.push({ key, at: performance.now() });
      // The first call with a key acts; a repeat waits for (or gets) that same answer.
      let answer = answers.get(key);
      if (!answer) {
        answer = act(key);
        answers.set(key, answer);
      }
      void answer.then((body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
