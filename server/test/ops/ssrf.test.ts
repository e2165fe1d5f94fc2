import { lookup as dnsLookup } from 'node:dns';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, createLiveEffects, type HttpClient } from '../../src/adapters';
import type { EffectRequest, EffectResult } from '../../src/engine';
import { gatewayEffects, gatewayRequest, type GatewayCredential } from '../support/gateway';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
const clients: HttpClient[] = [];
const secrets = new Map<string, string>();
const vault = { reveal: async (name: string) => secrets.get(name) };

/** Test double for DNS: `*.test` names resolve as the map says, everything else normally. */
const names: Record<string, string> = { 'evil.test': '10.0.0.5', 'firewall.test': '127.0.0.1' };
const fakeDns = ((
  host: string,
  opts: object,
  cb: (e: Error | null, a: { address: string; family: number }[]) => void,
) => {
  const ip = names[host];
  if (ip) cb(null, [{ address: ip, family: 4 }]);
  else dnsLookup(host, { ...opts, all: true }, cb);
}) as typeof dnsLookup;

function effects(allow: string[], maxResponseBytes?: number) {
  const http = createHttpClient({ allow, lookup: fakeDns, ...(maxResponseBytes ? { maxResponseBytes } : {}) });
  clients.push(http);
  return createLiveEffects({ http, vault, log: pino({ level: 'silent' }) });
}

/** The live effects with `autonomic-gateway` steps and these credentials (what block-ip and notify became). */
function gateway(allow: string[], credentials: Record<string, GatewayCredential>) {
  const http = createHttpClient({ allow, lookup: fakeDns });
  clients.push(http);
  return gatewayEffects(http, new Map(Object.entries(credentials)), vault);
}

function req(nodeType: string, params: Record<string, unknown>, extra: Partial<EffectRequest> = {}): EffectRequest {
  return {
    runId: 'run-1',
    stepId: 'step',
    stepKey: 'step',
    nodeType,
    effect: nodeType === 'http' ? 'read' : 'destructive',
    params,
    idempotencyKey: 'run-1:step:1',
    attempt: 1,
    signal: new AbortController().signal,
    ...extra,
  };
}

const get = (url: string) => req('http', { method: 'GET', url });
const failure = (r: EffectResult) => (r.ok ? undefined : r.error);

beforeAll(async () => {
  server = createServer((r, res) => {
    let body = '';
    r.on('data', (c: Buffer) => (body += c.toString()));
    r.on('end', () => {
      const path = r.url ?? '/';
      // An aborted /slow call may end here after the next test began: it is never recorded.
      if (path !== '/slow') seen.push({ method: r.method ?? '', url: path, headers: r.headers, body });
      if (path.startsWith('/redirect-to/')) {
        res.writeHead(302, { location: decodeURIComponent(path.slice('/redirect-to/'.length)) }).end();
      } else if (path === '/big') res.end('x'.repeat(5_000));
      else if (path === '/slow') setTimeout(() => res.end('late'), 2_000);
      else if (path.startsWith('/status/')) res.writeHead(Number(path.slice(8))).end('{"error":"nope"}');
      else
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, echo: r.headers }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.close();
});
beforeEach(() => {
  seen.length = 0;
  secrets.clear();
});

describe('SSRF guard', () => {
  const port = () => (server.address() as AddressInfo).port;

  it.each([
    ['http://127.0.0.1:{port}/', 'loopback'],
    ['http://10.0.0.1/', 'private (RFC 1918)'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local address (cloud metadata'],
    ['http://[::1]:{port}/', 'loopback'],
    ['http://[fd12::1]/', 'unique local'],
    ['http://0.0.0.0:{port}/', '"this network"'],
    ['http://2130706433:{port}/', '127.0.0.1 is a loopback'],
    ['http://[::ffff:127.0.0.1]:{port}/', 'loopback'],
  ])('when a step calls %s then it is refused (%s) and nothing is sent', async (url, why) => {
    const r = await effects([]).perform(get(url.replace('{port}', String(port()))));
    expect(failure(r)).toMatchObject({ kind: 'safety', retryable: false });
    expect(failure(r)?.message).toContain(why);
    expect(failure(r)?.message).toContain('OUTBOUND_ALLOW');
    expect(seen).toEqual([]);
  });

  it('when a host name resolves to a loopback address (localhost) then the resolved address is refused', async () => {
    const r = await effects([]).perform(get(`http://localhost:${port()}/`));
    expect(failure(r)?.kind).toBe('safety');
    expect(failure(r)?.message).toMatch(/localhost resolves to .* loopback/);
    expect(seen).toEqual([]);
  });

  it('when a public-looking name resolves to a private address then it is refused (the IP is checked, not the name)', async () => {
    const r = await effects([]).perform(get('http://evil.test/'));
    expect(failure(r)?.message).toContain('evil.test resolves to 10.0.0.5 is a private');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'gopher://127.0.0.1/'])(
    'when the URL is %s then the scheme is refused',
    async (url) => {
      const r = await effects([]).perform(get(url));
      expect(failure(r)?.message).toMatch(/scheme .* \(only http and https\)/);
    },
  );

  it('when the redirect target is a private address then it is refused, although the first hop was allowed', async () => {
    const target = encodeURIComponent('http://169.254.169.254/latest/meta-data/iam/');
    const r = await effects(['127.0.0.1/32']).perform(get(`${base}/redirect-to/${target}`));
    expect(failure(r)).toMatchObject({ kind: 'safety' });
    expect(failure(r)?.message).toContain('169.254.169.254 is a link-local');
    expect(seen.map((s) => s.url)).toEqual([`/redirect-to/${target}`]);
  });

  it('when redirects go on for more than 3 hops then the call fails', async () => {
    let url = `${base}/ok`;
    for (let i = 0; i < 4; i++) url = `${base}/redirect-to/${encodeURIComponent(url)}`;
    const r = await effects(['127.0.0.1']).perform(get(url));
    expect(failure(r)?.message).toBe('more than 3 redirects');
    expect(seen).toHaveLength(4);
  });

  it('when a redirect leaves the origin then the Authorization header stays behind', async () => {
    const other = createServer((r, res) => res.end(JSON.stringify(r.headers)));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      secrets.set('api.token', 'tok-abcdef-123456');
      const to = encodeURIComponent(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const r = await effects(['127.0.0.1']).perform(
        req('http', { url: `${base}/redirect-to/${to}`, auth: { type: 'bearer', secret: 'api.token' } }),
      );
      expect(seen[0]?.headers.authorization).toBe('Bearer tok-abcdef-123456');
      expect(r.ok).toBe(true);
      expect(JSON.stringify(r)).toContain('host'); // the second server's echo of its headers
      expect(JSON.stringify(r)).not.toContain('authorization');
    } finally {
      other.close();
    }
  });

  it('when a host is allowed by name then its private address may be reached', async () => {
    const r = await effects(['firewall.test']).perform(get(`http://firewall.test:${port()}/ok`));
    expect(r.ok).toBe(true);
    expect(seen).toHaveLength(1);
  });
});

describe('live effects (127.0.0.1 allowed)', () => {
  it('when a gateway action runs then the endpoint gets the JSON action, the Idempotency-Key header and the auth secret', async () => {
    const fw: GatewayCredential = {
      mode: 'live',
      value: 'fw-secret-token-1',
      settings: { auth: 'bearer' },
      baseUrl: base,
    };
    const r = await gateway(['127.0.0.1/32'], { 'fw-token': fw }).perform(
      gatewayRequest(
        'block_ip',
        { ip: '203.0.113.7', reason: 'brute force', duration: 'PT1H', path: '/block', method: 'POST' },
        'fw-token',
        { idempotencyKey: 'run-9:block:2', runId: 'run-9' },
      ),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['idempotency-key']).toBe('run-9:block:2');
    expect(seen[0]?.headers.authorization).toBe('Bearer fw-secret-token-1');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      action: 'block-ip',
      target: '203.0.113.7',
      reason: 'brute force',
      duration: 'PT1H',
      runId: 'run-9',
      idempotencyKey: 'run-9:block:2',
    });
    expect(r.ok).toBe(true);
    // The endpoint echoed its headers: the token is scrubbed from the step's output.
    expect(JSON.stringify(r)).not.toContain('fw-secret-token-1');
    expect(r.ok && r.output).toMatchObject({ ok: true });
  });

  it.each([
    [404, 'http_4xx', false],
    [429, 'http_429', true],
    [503, 'http_5xx', true],
  ])('when the API answers %i then the step fails with kind %s (retryable: %s)', async (status, kind, retryable) => {
    const r = await effects(['127.0.0.1']).perform(get(`${base}/status/${status}`));
    expect(failure(r)).toMatchObject({ kind, retryable, status });
  });

  it('when the API answers JSON then the output body is parsed; query params are added to the URL', async () => {
    const r = await effects(['127.0.0.1']).perform(
      req('http', { url: `${base}/lookup`, query: { ip: '1.2.3.4', n: 2 } }),
    );
    expect(r.ok && r.output).toMatchObject({ status: 200, body: { ok: true } });
    expect(seen[0]?.url).toBe('/lookup?ip=1.2.3.4&n=2');
  });

  it('when the answer is bigger than the cap then the step fails', async () => {
    const r = await effects(['127.0.0.1'], 1_000).perform(get(`${base}/big`));
    expect(failure(r)?.message).toContain('1000-byte limit');
  });

  it('when nothing listens on the port then the step fails with kind network (retryable)', async () => {
    const r = await effects(['127.0.0.1']).perform(get('http://127.0.0.1:1/'));
    expect(failure(r)).toMatchObject({ kind: 'network', retryable: true });
  });

  it('when the step is aborted (timeout) then the call stops with kind timeout', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort('timeout'), 50);
    const r = await effects(['127.0.0.1']).perform({ ...get(`${base}/slow`), signal: ac.signal });
    expect(failure(r)?.kind).toBe('timeout');
  });

  it('when a notify channel has no credential then a clear non-retryable error', async () => {
    const r = await gateway(['127.0.0.1'], {}).perform(
      gatewayRequest('notify', { text: 'hi', to: '#soc', message: 'hi' }, 'notify-slack'),
    );
    expect(failure(r)).toMatchObject({ kind: 'validation', retryable: false });
    expect(failure(r)?.message).toContain("credential 'notify-slack' does not exist");
    expect(seen).toEqual([]);
  });

  it('when a notify channel is configured then its webhook gets the message as JSON', async () => {
    const teams: GatewayCredential = {
      mode: 'live',
      value: `${base}/teams-hook/SECRETPATH123`,
      settings: { auth: 'webhook_url' },
      baseUrl: base,
    };
    const r = await gateway(['127.0.0.1'], { 'notify-teams': teams }).perform(
      gatewayRequest(
        'notify',
        { text: '*Blocked*\nIP 203.0.113.7 blocked', to: 'SOC', subject: 'Blocked', message: 'IP 203.0.113.7 blocked' },
        'notify-teams',
      ),
    );
    expect(r.ok && r.output).toMatchObject({ ok: true });
    expect(seen[0]?.url).toBe('/teams-hook/SECRETPATH123');
    expect(JSON.parse(seen[0]?.body ?? '')).toMatchObject({
      text: '*Blocked*\nIP 203.0.113.7 blocked',
      to: 'SOC',
      runId: 'run-1',
    });
    expect(JSON.stringify(r)).not.toContain('SECRETPATH123');
  });

  it('when an auth secret is missing then the step fails without calling out', async () => {
    const r = await effects(['127.0.0.1']).perform(
      req('http', { url: `${base}/x`, auth: { type: 'bearer', secret: 'nope' } }),
    );
    expect(failure(r)).toMatchObject({ kind: 'validation', retryable: false });
    expect(seen).toEqual([]);
  });
});
