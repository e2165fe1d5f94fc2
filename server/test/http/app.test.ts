import request from 'supertest';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/engine';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { buildApp } from '../../src/http/app';

// No database needed: the routes below touch none.
const ctx = {
  config: loadConfig({}),
  prisma: {} as PrismaClient,
  log: pino({ level: 'silent' }),
  clock: systemClock,
};
const received: unknown[] = [];
const Ok = z.object({ ok: z.boolean() });
const { app } = buildApp({
  ctx,
  authenticator: { authenticate: async () => null },
  modules: [
    (api) =>
      api.add(
        {
          method: 'post',
          path: '/echo',
          summary: 'echo',
          tag: 'test',
          access: 'public',
          body: z.object({ name: z.string().min(1), data: z.unknown().optional() }),
          response: Ok,
        },
        async ({ body }) => {
          received.push(body);
          return { ok: true };
        },
      ),
    (api) =>
      api.add(
        {
          method: 'get',
          path: '/things/:id',
          summary: 'thing',
          tag: 'test',
          access: 'public',
          params: z.object({ id: z.string().max(200) }),
          query: z.object({ q: z.string().optional() }),
          response: Ok,
        },
        async ({ params }) => {
          received.push(params);
          return { ok: true };
        },
      ),
    (api) =>
      api.add(
        { method: 'get', path: '/secret', summary: 's', tag: 'test', access: ['admin'], response: Ok },
        async () => ({
          ok: true,
        }),
      ),
  ],
});

describe('the API shell', () => {
  it('when a body field is invalid then 400 names the field and the handler never runs', async () => {
    const res = await request(app).post('/api/echo').send({ name: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].path).toBe('body.name');
    expect(received).toHaveLength(0);
  });

  it('when the body is 10,000 levels deep then 400 before parsing, not a crash', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await request(app)
      .post('/api/echo')
      .set('content-type', 'application/json')
      .send(`{"name":"x","data":${deep}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body');
    expect(received).toHaveLength(0);
  });

  it('when the body is not JSON then 400 invalid_json', async () => {
    const res = await request(app).post('/api/echo').set('content-type', 'application/json').send('{nope');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('when the body is over 1 MB then 413', async () => {
    const res = await request(app)
      .post('/api/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
  });

  it('when a role-restricted route is called without credentials then 401', async () => {
    const res = await request(app).get('/api/secret');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('when a valid body arrives then the handler answers, and an unknown route is a JSON 404', async () => {
    expect((await request(app).post('/api/echo').send({ name: 'a' })).body).toEqual({ ok: true });
    const missing = await request(app).get('/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('when the OpenAPI document is fetched then it lists the routes with their schemas', async () => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(
      res.body.paths['/api/echo'].post.requestBody.content['application/json'].schema.properties.name,
    ).toBeDefined();
  });

  it('when text PostgreSQL cannot store (NUL, a lone surrogate) arrives anywhere then 400 names the field and the handler never runs', async () => {
    const before = received.length;
    const cases = [
      { res: await request(app).post('/api/echo').send({ name: 'a\u0000b' }), path: 'body.name' },
      {
        res: await request(app)
          .post('/api/echo')
          .send({ name: 'a', data: { list: ['ok', 'x\u0000'] } }),
        path: 'body.data.list.1',
      },
      {
        res: await request(app)
          .post('/api/echo')
          .set('content-type', 'application/json')
          .send('{"name":"\\ud800 alone"}'),
        path: 'body.name',
      },
      {
        res: await request(app)
          .post('/api/echo')
          .set('content-type', 'application/json')
          .send('{"name":"a","data":{"k\\u0000":1}}'),
        path: 'body.data.k\\u0000',
      },
      { res: await request(app).get('/api/things/%00'), path: 'params.id' },
      { res: await request(app).get('/api/things/x?q=%00'), path: 'query.q' },
    ];
    for (const { res, path } of cases) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details[0].path).toBe(path);
    }
    expect(received.length).toBe(before);
    // A well-formed pair (an emoji) is fine.
    expect((await request(app).post('/api/echo').send({ name: '🛡️ ok' })).status).toBe(200);
  });
});
