import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, createLiveEffects } from '../../src/adapters';
import type { EffectClass } from '@autonomic/workflow';
import type { EffectRequest } from '../../src/engine';
import { gatewayEffects, gatewayRequest } from '../support/gateway';

// Every write and destructive call carries `Idempotency-Key: <runId>:<stepKey>:<attempt>`,
// the key a re-execution after a crash repeats, so a receiver that honours it acts once.

let server: Server;
let base: string;
const seen: IncomingHttpHeaders[] = [];
const secrets = new Map<string, string>();
const http = createHttpClient({ allow: ['127.0.0.1/32'] });
const effects = createLiveEffects({
  http,
  vault: { reveal: async (name: string) => secrets.get(name) },
  log: pino({ level: 'silent' }),
});

beforeAll(async () => {
  server = createServer((r, res) => {
    r.resume();
    r.on('end', () => {
      seen.push(r.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await http.close();
  server.close();
});
beforeEach(() => {
  seen.length = 0;
  secrets.clear();
});

function request(nodeType: string, effect: EffectClass, params: Record<string, unknown>): EffectRequest {
  return {
    runId: 'run-7',
    stepId: 'call',
    stepKey: 'call[2]',
    nodeType,
    effect,
    params,
    idempotencyKey: 'run-7:call[2]:3',
    attempt: 3,
    signal: new AbortController().signal,
  };
}

describe('Idempotency-Key on outbound calls', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'when an http step sends %s (a write) then the receiver gets the attempt key',
    async (method) => {
      const r = await effects.perform(request('http', 'write', { method, url: `${base}/x`, body: { a: 1 } }));
      expect(r.ok).toBe(true);
      expect(seen[0]?.['idempotency-key']).toBe('run-7:call[2]:3');
    },
  );

  it('when an http step only reads (GET) then no key is sent', async () => {
    await effects.perform(request('http', 'read', { method: 'GET', url: `${base}/x` }));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.['idempotency-key']).toBeUndefined();
  });

  it('when the step sets its own Idempotency-Key header then that one is sent, once', async () => {
    const headers = { 'Idempotency-Key': 'alert-42' };
    await effects.perform(request('http', 'write', { method: 'POST', url: `${base}/x`, headers }));
    expect(seen[0]?.['idempotency-key']).toBe('alert-42');
  });

  it('when a gateway notify step posts to its channel then the channel gets the attempt key', async () => {
    const hook = { mode: 'live' as const, value: `${base}/hook`, settings: { auth: 'webhook_url' }, baseUrl: base };
    const gateway = gatewayEffects(http, new Map([['notify-slack', hook]]));
    const req = gatewayRequest('notify', { text: 'hi', to: '#soc', message: 'hi' }, 'notify-slack', {
      idempotencyKey: 'run-7:call[2]:3',
    });
    const r = await gateway.perform(req);
    expect(r.ok).toBe(true);
    expect(seen[0]?.['idempotency-key']).toBe('run-7:call[2]:3');
  });

  it('when a gateway containment action is sent then the receiver gets the attempt key', async () => {
    const fw = { mode: 'live' as const, value: 'tok', settings: {}, baseUrl: base };
    const gateway = gatewayEffects(http, new Map([['gateway-fw', fw]]));
    const req = gatewayRequest('isolate_host', { host: 'web-01', reason: 'malware', path: '/isolate' }, 'gateway-fw', {
      idempotencyKey: 'run-7:call[2]:3',
    });
    const r = await gateway.perform(req);
    expect(r.ok).toBe(true);
    expect(seen[0]?.['idempotency-key']).toBe('run-7:call[2]:3');
  });
});
