/**
 * Who may scrape /metrics. Its labels name workflows, so it is not open to the network:
 * with `METRICS_TOKEN` set, a scrape needs `Authorization: Bearer <token>`; without it,
 * /metrics answers only when the server listens on loopback (HOST 127.0.0.1, ::1,
 * localhost), i.e. to this machine, and answers 401 otherwise.
 */
import type { Config } from '../config';
import { contains, parseAddress, parseNetwork } from '../engine/net';

const LOOPBACK = [parseNetwork('127.0.0.0/8'), parseNetwork('::1/128')];

/** Whether a listen address accepts connections from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  if (h === 'localhost') return true;
  const a = parseAddress(h);
  return a !== undefined && LOOPBACK.some((net) => net !== undefined && contains(net, a));
}

/** `token`: a bearer token is needed; `loopback`: open, to this machine only; `closed`: nobody may scrape. */
export type MetricsAccess = 'token' | 'loopback' | 'closed';

export function metricsAccessOf(config: Pick<Config, 'HOST' | 'METRICS_TOKEN'>): MetricsAccess {
  if (config.METRICS_TOKEN) return 'token';
  return isLoopbackHost(config.HOST) ? 'loopback' : 'closed';
}

/** The warning to log once at start when /metrics is closed, else undefined. */
export function metricsWarning(config: Pick<Config, 'HOST' | 'METRICS_TOKEN'>): string | undefined {
  if (metricsAccessOf(config) !== 'closed') return undefined;
  return `/metrics is closed: HOST ${config.HOST} is not loopback and METRICS_TOKEN is not set (set it to scrape metrics)`;
}
