/**
 * What the route table cannot show: the CSRF rule of cookie sessions, the public routes
 * refusing bad input, and the owner-only rules the services add on routes every role may
 * call — each refusal writing nothing.
 */
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/services/triggers';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { seedWorkflow } from '../ops/fixtures';
import { authzServer, bearer, rowCounts, type AuthzServer, type RoleUser } from './harness';

let db: TestDatabase;
let t: AuthzServer;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await authzServer(db);
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

const ENTRY = { list: 'protected', kind: 'ip', value: '10.9.8.7', reason: 'domain controller' };

describe('cookie sessions and CSRF', () => {
  it('when a signed-in admin writes with the cookie but without x-csrf-token then 403 csrf_failed and nothing is written; with it the write passes', async () => {
    const { cookie, csrf } = await t.login('admin');
    const post = () => request(t.http).post('/api/safety/entries').set('Cookie', cookie).send(ENTRY);
    const before = await rowCounts(db.prisma);

    const missing = await post();
    const wrong = await post().set('x-csrf-token', `${csrf}x`);
    const read = await request(t.http).get('/api/safety/entries').set('Cookie', cookie);

    expect([missing.status, missing.body.error.code]).toEqual([403, 'csrf_failed']);
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'csrf_failed']);
    expect(read.status).toBe(200);
    expect(await rowCounts(db.prisma)).toEqual(before);
    const passed = await post().set('x-csrf-token', csrf);
    expect(passed.status).toBe(201);
    expect(await db.prisma.safetyEntry.count({ where: { value: ENTRY.value } })).toBe(1);
  });
});

describe('public routes', () => {
  it('when the login body lacks its fields then 400 names body.username and body.password and no session is made', async () => {
    const before = await rowCounts(db.prisma);

    const res = await request(t.http).post('/api/auth/login').send({ user: 'admin' });

    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.password',
      'body.username',
    ]);
    expect(await rowCounts(db.prisma)).toEqual(before);
  });

  it('when a webhook delivery to a workflow with a secret is unsigned then 401 and no run; signed, the same body starts one', async () => {
    const { workflow } = await seedWorkflow(db.prisma, { ownerId: t.users.analyst.id });
    const rotated = await request(t.http).post(`/api/workflows/${workflow.id}/webhook-secret`).set(t.headers('admin'));
    expect(rotated.status).toBe(201);
    const body = JSON.stringify({ alert: 'phish' });
    const ts = String(Math.floor(Date.now() / 1000));
    const deliver = () =>
      request(t.http)
        .post(`/api/hooks/${workflow.id}`)
        .set('Content-Type', 'application/json')
        .set(TIMESTAMP_HEADER, ts);
    const before = await rowCounts(db.prisma);

    const unsigned = await deliver().send(body);

    expect([unsigned.status, unsigned.body.error.code]).toEqual([401, 'invalid_signature']);
    expect(await rowCounts(db.prisma)).toEqual(before);
    const signature = `sha256=${createHmac('sha256', String(rotated.body.secret)).update(`${ts}.${body}`).digest('hex')}`;
    const signed = await deliver().set(SIGNATURE_HEADER, signature).send(body);
    expect(signed.status).toBe(202);
    expect(await db.prisma.run.count({ where: { workflowId: workflow.id } })).toBe(1);
  });
});

describe('owner-only writes on routes every role may call', () => {
  it('when someone other than the owner or an admin changes a workflow then 403 forbidden and nothing is written (managers included)', async () => {
    const owner = t.users.analyst;
    const { workflow } = await seedWorkflow(db.prisma, { ownerId: owner.id, publish: false });
    const document = {
      formatVersion: 2,
      metadata: { name: 'changed' },
      trigger: { id: 'start', type: 'trigger.webhook', params: {} },
      steps: {},
    };
    const base = `/api/workflows/${workflow.id}`;
    const writes: [string, 'post' | 'patch' | 'delete', string, object | undefined][] = [
      ['save a version', 'post', `${base}/versions`, { document }],
      ['change limits', 'patch', `${base}/settings`, { maxDestructivePerRun: 1 }],
      ['request a review', 'post', `${base}/versions/1/review`, { reviewerIds: [t.users.reviewer.id] }],
      ['rotate the webhook secret', 'post', `${base}/webhook-secret`, undefined],
      ['remove the webhook secret', 'delete', `${base}/webhook-secret`, undefined],
      ['send a webhook test event', 'post', `${base}/webhook-test`, {}],
    ];
    const others: [string, RoleUser][] = [
      ['another analyst', await t.addUser('analyst')],
      ['reviewer', t.users.reviewer],
      ['manager', t.users.manager],
    ];
    const before = await rowCounts(db.prisma);

    const answers: string[] = [];
    for (const [who, user] of others) {
      for (const [what, method, path, body] of writes) {
        const res = await request(t.http)[method](path).set(bearer(user)).send(body);
        answers.push(`${who} may not ${what}: ${res.status} ${res.body?.error?.code}`);
      }
      // Reviewers may pull the emergency stop on any workflow; the others may not.
      if (who === 'reviewer') continue;
      const stop = await request(t.http).patch(`${base}/settings`).set(bearer(user)).send({ killSwitch: true });
      answers.push(`${who} may not stop it: ${stop.status} ${stop.body?.error?.code}`);
    }

    expect(answers.filter((a) => !a.endsWith(': 403 forbidden'))).toEqual([]);
    expect(answers).toHaveLength(others.length * writes.length + 2);
    expect(await rowCounts(db.prisma)).toEqual(before);
  });
});
