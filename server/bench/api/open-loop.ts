/**
 * Open-loop load (issue 18 §8): signed webhooks sent at a fixed rate whatever the server
 * does — a slow answer does not slow the sender down, as with real alert sources. Each
 * latency is measured from the request's SCHEDULED time, so a stall shows in the tail
 * instead of being hidden by a sender that waited (coordinated omission).
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './load';

export interface OpenLoopSpec {
  url: string;
  path: string;
  secret: string;
  /** Requests per second. */
  rate: number;
  seconds: number;
  event: (seq: number) => unknown;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  /** Non-2xx answers and socket errors. */
  errors: number;
  statuses: Record<string, number>;
  /** Achieved rate of sends (requests per second). */
  sentRate: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Requests still unanswered when the sending ended (all are awaited). */
  maxInFlight: number;
}

let seq = 0;

export async function openLoop(spec: OpenLoopSpec): Promise<OpenLoopResult> {
  const target = new URL(spec.path, spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const total = Math.round(spec.rate * spec.seconds);
  const interval = 1000 / spec.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const pending: Promise<void>[] = [];

  const send = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify(spec.event(seq++));
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = createHmac('sha256', spec.secret).update(`${ts}.${body}`).digest('hex');
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = (status: string) => {
        inFlight--;
        latencies.push(performance.now() - scheduledAt);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status.startsWith('2')) ok++;
        else errors++;
        resolve();
      };
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-autonomic-timestamp': ts,
            'x-autonomic-signature': `sha256=${sig}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(String(res.statusCode)));
          res.on('error', () => done('socket error'));
        },
      );
      req.on('error', () => done('socket error'));
      req.end(body);
    });

  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const at = t0 + i * interval;
    const wait = at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(at));
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: total,
    ok,
    errors,
    statuses,
    sentRate: total / sendSeconds,
    latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? NaN },
    maxInFlight,
  };
}
