/**
 * Load generation with autocannon: every request carries a unique body and its own fresh
 * signature (replay protection must never refuse a legitimate request). Latencies are
 * recorded here from autocannon's per-response timings (floating-point ms): its own
 * histogram rounds to whole milliseconds, too coarse for a 3 ms target.
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon, { type Request } from 'autocannon';

export interface LoadSpec {
  /** Base URL of the server, e.g. http://127.0.0.1:4321 */
  url: string;
  /** Request path, query included. */
  path: string;
  method?: 'GET' | 'POST';
  /** Sign the body with this webhook secret; unsigned when absent. */
  secret?: string;
  connections: number;
  /** Measure for this long… */
  seconds?: number;
  /** …or send exactly this many requests (every response is then counted). */
  amount?: number;
  /** The event sent as the body; `seq` is unique within the process. */
  event?: (seq: number) => unknown;
  /** Checks a 2xx answer (e.g. the run succeeded); false counts as a failed check. */
  check?: (status: number, body: string) => boolean;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  responses: number;
  /** 2xx answers. */
  ok: number;
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  failedChecks: number;
  rps: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number };
}

let seq = 0;

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN);

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let failedChecks = 0;
  const request: Request = {
    method: spec.method ?? 'POST',
    path: spec.path,
    setupRequest: (req) => {
      if (req.method === 'GET') return req;
      const body = JSON.stringify(spec.event ? spec.event(seq++) : { seq: seq++ });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (spec.secret) {
        const ts = String(Math.floor(Date.now() / 1000));
        const sig = createHmac('sha256', spec.secret).update(`${ts}.${body}`).digest('hex');
        headers['x-autonomic-timestamp'] = ts;
        headers['x-autonomic-signature'] = `sha256=${sig}`;
      }
      return { ...req, headers, body };
    },
    ...(spec.check
      ? {
          onResponse: (status: number, body: string) => {
            if (status >= 200 && status < 300 && !spec.check?.(status, body)) failedChecks++;
          },
        }
      : {}),
  };
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        timeout: 30,
        requests: [request],
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds ?? 10 }),
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - t0) / 1000;
        const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
        const ok = Object.entries(statuses)
          .filter(([code]) => code.startsWith('2'))
          .reduce((n, [, count]) => n + count, 0);
        latencies.sort((a, b) => a - b);
        resolve({
          connections: spec.connections,
          seconds,
          responses: latencies.length,
          ok,
          errors: result.non2xx + result.errors,
          statuses,
          failedChecks,
          rps: latencies.length / seconds,
          latencyMs: {
            p50: percentile(latencies, 0.5),
            p97_5: percentile(latencies, 0.975),
            p99: percentile(latencies, 0.99),
            max: latencies.at(-1) ?? NaN,
          },
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}
