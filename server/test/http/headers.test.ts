/**
 * What every answer says about caching, transport security and who the client is: no
 * database needed, the routes below touch none.
 */
import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/engine';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { RunEvents } from '../../src/executor';
import { buildApp } from '../../src/http/app';
import { streamRunEvents } from '../../src/http/sse';

function appWith(env: Record<string, string>) {
  const ctx = {
    config: loadConfig(env),
    prisma: {} as PrismaClient,
    log: pino({ level: 'silent' }),
    clock: systemClock,
  };
  return buildApp({
    ctx,
    authenticator: { authenticate: async () => null },
    modules: [
      (api) =>
        api.add(
          {
            method: 'get',
            path: '/whoami',
            summary: 'the client address as the server sees it',
            tag: 'test',
            access: 'public',
            response: z.object({ ip: z.string() }),
          },
          async ({ req }) => ({ ip: req.ip ?? '' }),
        ),
    ],
    before: (app) => app.get('/outside', (_req, res) => void res.send('ok')),
  }).app;
}

const ipSeen = async (app: ReturnType<typeof appWith>, forwardedFor?: string) => {
  const r = request(app).get('/api/whoami');
  const res = await (forwardedFor ? r.set('X-Forwarded-For', forwardedFor) : r);
  return String(res.body.ip).replace(/^::ffff:/, '');
};

describe('Cache-Control', () => {
  it('when any /api route answers (a reply, an error, an unknown path) then it says no-store', async () => {
    const app = appWith({});
    for (const path of ['/api/whoami', '/api/nope', '/api/openapi.json']) {
      expect((await request(app).get(path)).headers['cache-control'], path).toBe('no-store');
    }
  });
});

describe('Cache-Control of the live run stream', () => {
  it('when a run event stream opens then it says no-store too (its frames carry step outputs)', async () => {
    const { app } = buildApp({
      ctx: { config: loadConfig({}), prisma: {} as PrismaClient, log: pino({ level: 'silent' }), clock: systemClock },
      authenticator: { authenticate: async () => null },
      modules: [(api) => api.router.get('/stream', (req, res) => void streamRunEvents(req, res, new RunEvents(), {}))],
    });
    const server = app.listen(0, '127.0.0.1');
    try {
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      const res = await new Promise<IncomingMessage>((resolve, reject) =>
        get(`http://127.0.0.1:${port}/api/stream`, resolve).on('error', reject),
      );
      res.destroy();
      expect(res.headers['content-type']).toContain('text/event-stream');
      expect(res.headers['cache-control']).toMatch(/^no-store\b/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('transport security headers', () => {
  it('when COOKIE_SECURE is off (plain HTTP) then neither HSTS nor upgrade-insecure-requests is sent', async () => {
    const res = await request(appWith({})).get('/outside');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
  });

  it('when COOKIE_SECURE is on (behind TLS) then HSTS and upgrade-insecure-requests are sent', async () => {
    const res = await request(appWith({ COOKIE_SECURE: 'true' })).get('/outside');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

describe('TRUST_PROXY', () => {
  it('when it is unset then X-Forwarded-For is ignored, even from loopback', async () => {
    const app = appWith({});
    expect(await ipSeen(app, '203.0.113.9')).toBe('127.0.0.1');
    expect(await ipSeen(app, '198.51.100.1, 203.0.113.9')).toBe('127.0.0.1');
  });

  it('when it names loopback then the proxy on loopback tells the client address', async () => {
    const app = appWith({ TRUST_PROXY: 'loopback' });
    expect(await ipSeen(app, '203.0.113.9')).toBe('203.0.113.9');
    expect(await ipSeen(app)).toBe('127.0.0.1');
  });

  it('when it is a hop count of 1 then only the address the one proxy appended counts', async () => {
    expect(await ipSeen(appWith({ TRUST_PROXY: '1' }), 'forged-by-client, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('when it names another proxy address then a request from loopback cannot choose its address', async () => {
    expect(await ipSeen(appWith({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7' }), '203.0.113.9')).toBe('127.0.0.1');
  });

  it.each([
    ['true', 'trusting every proxy'],
    ['loopback, not-an-ip', '"not-an-ip"'],
    ['10.0.0.0/33', '"10.0.0.0/33"'],
  ])('when it is %j then loading the configuration fails naming TRUST_PROXY (%s)', (value, why) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(why);
  });

  it.each([
    ['', false],
    ['false', false],
    ['2', 2],
    ['loopback,::1/128', ['loopback', '::1/128']],
  ])('when it is %j then express is given %j', (value, want) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(want);
  });
});
