import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { parseAddress } from '../engine/net';
import { createAddressPolicy, type AddressPolicy } from './address-policy';

/** An outbound call that policy refuses (`safety`) or that cannot be made as asked (`validation`). */
export class OutboundRefusedError extends Error {
  constructor(
    message: string,
    readonly kind: 'safety' | 'validation' = 'safety',
  ) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

export interface OutboundRequest {
  method: Dispatcher.HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Headers not sent on to another origin after a redirect (Authorization and Cookie always). */
  sensitiveHeaders?: readonly string[];
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

export interface HttpClient {
  request(req: OutboundRequest): Promise<OutboundResponse>;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  /** `OUTBOUND_ALLOW`: IPs, CIDRs, host names, `*.suffix`. */
  allow: readonly string[];
  /** @default 5 MiB */
  maxResponseBytes?: number;
  /** @default 3 */
  maxRedirects?: number;
  /** @default 10000 */
  connectTimeoutMs?: number;
  /** For tests: resolves names (default: the system resolver). */
  lookup?: typeof dnsLookup;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALWAYS_SENSITIVE = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * The one HTTP client for outbound calls of live runs, with the SSRF guard: only http(s);
 * the address actually connected to is checked (the resolver hook refuses a name when any
 * of its addresses is private, so DNS rebinding cannot slip one in between check and
 * connect); IP literals are checked before connecting; redirects are followed at most
 * `maxRedirects` times, each hop checked again; answers are capped at `maxResponseBytes`.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy = createAddressPolicy(options.allow);
  const maxBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 3;
  const agent = new Agent({
    connect: {
      lookup: guardedLookup(policy, options.lookup ?? dnsLookup),
      timeout: options.connectTimeoutMs ?? 10_000,
    },
  });

  async function send(req: OutboundRequest): Promise<OutboundResponse> {
    let url = checkedUrl(req.url, policy);
    let method = req.method;
    let body = req.body;
    const headers = { ...req.headers };
    const sensitive = new Set([...ALWAYS_SENSITIVE, ...(req.sensitiveHeaders ?? []).map((h) => h.toLowerCase())]);
    for (let hop = 0; ; hop++) {
      const res = await request(url, { method, headers, body, signal: req.signal, dispatcher: agent });
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode) && typeof location === 'string') {
        await res.body.dump();
        if (hop >= maxRedirects) throw new OutboundRefusedError(`more than ${maxRedirects} redirects`, 'validation');
        const next = checkedUrl(new URL(location, url).toString(), policy);
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          for (const h of Object.keys(headers)) if (/^content-/i.test(h)) delete headers[h];
        }
        if (next.origin !== url.origin) {
          for (const h of Object.keys(headers)) if (sensitive.has(h.toLowerCase())) delete headers[h];
        }
        url = next;
        continue;
      }
      return {
        status: res.statusCode,
        headers: flatHeaders(res.headers),
        body: await readCapped(res, maxBytes),
        url: url.toString(),
      };
    }
  }

  // Destroy, not close: close() waits for calls in flight, and a call of a run the stopping
  // executor already gave back (its grace passed) would hold the process until its step timed out.
  return { request: send, close: () => agent.destroy() };
}

/** Parses and checks a URL before anything is sent: scheme, credentials, a literal IP. */
function checkedUrl(text: string, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundRefusedError(`"${text.slice(0, 200)}" is not an absolute URL`, 'validation');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefusedError(`outbound call refused: scheme ${url.protocol} (only http and https)`);
  }
  if (url.username || url.password) {
    throw new OutboundRefusedError(
      "credentials in a URL are not sent: use the step's auth with a secret",
      'validation',
    );
  }
  // The URL parser has already turned 2130706433, 0x7f.1 and the like into dotted quads.
  if (parseAddress(url.hostname)) {
    const why = policy.refusal(url.hostname, url.hostname);
    if (why) throw new OutboundRefusedError(`outbound call refused: ${why} (allow it in OUTBOUND_ALLOW)`);
  }
  return url;
}

function guardedLookup(policy: AddressPolicy, resolve: typeof dnsLookup): LookupFunction {
  return (hostname, opts: LookupOptions, callback) => {
    resolve(hostname, { ...opts, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, []);
      if (!policy.hostAllowed(hostname)) {
        for (const a of addresses) {
          const why = policy.refusal(a.address, hostname);
          if (why) {
            const e = new OutboundRefusedError(
              `outbound call refused: ${hostname} resolves to ${why} (allow it in OUTBOUND_ALLOW)`,
            );
            return callback(e, []);
          }
        }
      }
      const first = addresses[0];
      if (opts.all) return callback(null, addresses);
      if (!first) return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), []);
      return callback(null, first.address, first.family);
    });
  };
}

async function readCapped(res: Dispatcher.ResponseData, max: number): Promise<Buffer> {
  // Destroying the body emits an abort error: ours is the one that tells what happened.
  res.body.on('error', () => undefined);
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    res.body.destroy();
    throw new OutboundRefusedError(`response of ${declared} bytes is over the ${max}-byte limit`, 'validation');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += b.length;
    if (size > max) {
      res.body.destroy();
      throw new OutboundRefusedError(`response over the ${max}-byte limit`, 'validation');
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    // Cookies a connector sets are session material: not kept in the trace.
    if (v === undefined || k === 'set-cookie') continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
