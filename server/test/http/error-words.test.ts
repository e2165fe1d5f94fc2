import request from 'supertest';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { CreateTokenBody, CreateUserBody } from '@autonomic/api';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/engine';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { buildApp } from '../../src/http/app';
import type { Api } from '../../src/http/route';

// No database needed: the routes below only parse their request and answer ok.
const ctx = {
  config: loadConfig({}),
  prisma: {} as PrismaClient,
  log: pino({ level: 'silent' }),
  clock: systemClock,
};
const Ok = z.object({ ok: z.boolean() });
const Playbook = z.strictObject({
  name: z.string().min(1).max(120),
  reviewerIds: z.array(z.uuid()).min(1).max(20),
  srcIp: z.ipv4(),
  baseline: z.int().min(0),
  mode: z.enum(['live', 'test']),
  reason: z.string().min(1, 'a reason is required').optional(),
});
const post = (path: string, body: z.ZodType) => (api: Api) =>
  api.add({ method: 'post', path, summary: path, tag: 'test', access: 'public', body, response: Ok }, async () => ({
    ok: true,
  }));
const get = (api: Api) =>
  api.add(
    {
      method: 'get',
      path: '/search',
      summary: 'search',
      tag: 'test',
      access: 'public',
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
      response: Ok,
    },
    async () => ({ ok: true }),
  );
const { app } = buildApp({
  ctx,
  authenticator: { authenticate: async () => null },
  modules: [post('/playbooks', Playbook), post('/tokens', CreateTokenBody), post('/users', CreateUserBody), get],
});

const good = {
  name: 'Contain host',
  reviewerIds: ['7d3c3f9e-2a4b-4c6d-8e9f-0a1b2c3d4e5f'],
  srcIp: '10.0.0.1',
  baseline: 0,
  mode: 'live',
};

describe('validation messages are words a person can act on', () => {
  it.each([
    ['an empty name', { ...good, name: '' }, 'body.name', 'too_small', 'Name is required'],
    ['a missing name', { ...good, name: undefined }, 'body.name', 'invalid_type', 'Name is required'],
    [
      'a name too long',
      { ...good, name: 'x'.repeat(121) },
      'body.name',
      'too_big',
      'Name must be at most 120 characters',
    ],
    ['a name that is a number', { ...good, name: 7 }, 'body.name', 'invalid_type', 'Name must be text'],
    ['no reviewer', { ...good, reviewerIds: [] }, 'body.reviewerIds', 'too_small', 'Reviewers: pick at least 1'],
    [
      'a reviewer that is not an id',
      { ...good, reviewerIds: ['bob'] },
      'body.reviewerIds.0',
      'invalid_format',
      'Reviewers (item 1) must be an ID from this system',
    ],
    [
      'a bad source IP',
      { ...good, srcIp: '10.0.0.300' },
      'body.srcIp',
      'invalid_format',
      'Source IP must be an IPv4 address (e.g. 10.0.0.1)',
    ],
    ['a negative baseline', { ...good, baseline: -1 }, 'body.baseline', 'too_small', 'Baseline must be 0 or more'],
    [
      'a fractional baseline',
      { ...good, baseline: 1.5 },
      'body.baseline',
      'invalid_type',
      'Baseline must be a whole number',
    ],
    ['an unknown mode', { ...good, mode: 'maybe' }, 'body.mode', 'invalid_value', 'Mode must be one of: live, test'],
    [
      'a field it does not take',
      { ...good, colour: 'red' },
      'body',
      'unrecognized_keys',
      'Has a field it does not accept: "colour"',
    ],
    ['an empty reason', { ...good, reason: '' }, 'body.reason', 'too_small', 'a reason is required'],
  ])(
    'when the body has %s then the 400 says so in words, keeping path and code',
    async (_, body, path, code, words) => {
      const res = await request(app).post('/api/playbooks').send(body);

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual([{ path, code, message: words }]);
      expect(res.body.error.message).toBe(words);
    },
  );

  it('when several fields are wrong then each is named and the headline counts the rest', async () => {
    const res = await request(app)
      .post('/api/playbooks')
      .send({ ...good, name: '', reviewerIds: [] });

    expect(res.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      'Name is required',
      'Reviewers: pick at least 1',
    ]);
    expect(res.body.error.message).toBe('Name is required (and 1 more problem)');
  });

  it.each([
    ['/tokens', { name: ' ', expiresInDays: 0 }, ['Name is required', 'Expires in days must be 1 or more']],
    [
      '/users',
      { username: 'Bob!', displayName: '', role: 'boss', password: 'x' },
      // The username keeps the words its schema gives; zod's defaults become sentences.
      ['use 2–40 lower-case letters, digits, ".", "_" or "-"', 'Display name is required', 'Role must be one of:'],
    ],
  ])('when a real contract (%s) refuses a body then no zod default reaches a person', async (path, body, starts) => {
    const res = await request(app).post(`/api${path}`).send(body);

    expect(res.status).toBe(400);
    const messages: string[] = res.body.error.details.map((d: { message: string }) => d.message);
    for (const start of starts) expect(messages.some((m) => m.startsWith(start))).toBe(true);
    for (const m of [res.body.error.message, ...messages]) {
      expect(m).not.toMatch(/Too small|Too big|Invalid input|expected string|Invalid option|body\./);
    }
  });

  it('when a query field is out of range then its message names it in words', async () => {
    const res = await request(app).get('/api/search?limit=900');

    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'query.limit', code: 'too_big', message: 'Limit must be 500 or less' },
    ]);
  });
});
