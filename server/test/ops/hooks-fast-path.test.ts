/**
 * The webhook intake's fast path (http/hooks-fast-path.ts): a plain JSON delivery is
 * answered on node:http before Express, with the same statuses and bodies as the Express
 * route; anything else goes to Express untouched.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withHooksFastPath } from '../../src/http/hooks-fast-path';
import { triggerRoutes } from '../../src/http/routes/triggers';
import { webhookRoutes } from '../../src/http/routes/webhooks';
import { createSecretsVault } from '../../src/services/secrets';
import { createWebhookSecrets, createWebhookService } from '../../src/services/triggers';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testApp, testContext } from '../support/app';
import { fakeRunStarter, seedWorkflow } from './fixtures';

let db: TestDatabase;
let fast: Server;
let plain: Server;
let hook: { id: string; secret: string };
const unhandled: unknown[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.prisma);
  const runs = fakeRunStarter((id) => ({ runId: id, status: 'succeeded', output: { ok: true } }), db.prisma);
  const vault = createSecretsVault(ctx, randomBytes(32));
  const webhooks = createWebhookService(ctx, { runs: runs.starter, cipher: vault.cipher });
  const secrets = createWebhookSecrets(ctx, { cipher: vault.cipher, webhooks });
  const { app } = testApp(ctx, [webhookRoutes({ webhooks }), triggerRoutes({ webhookSecrets: secrets })]);
  fast = createServer(withHooksFastPath(app, webhooks, (e) => unhandled.push(e))).listen(0, '127.0.0.1');
  plain = createServer(app).listen(0, '127.0.0.1');
  const owner = await createUser(db.prisma, 'analyst');
  const { workflow } = await seedWorkflow(db.prisma, { trigger: 'trigger.webhook', ownerId: owner.id });
  const issued = await request(plain)
    .post(`/api/workflows/${workflow.id}/webhook-secret`)
    .set('Authorization', owner.auth);
  hook = { id: workflow.id, secret: issued.body.secret };
});
afterAll(async () => {
  fast.close();
  plain.close();
  await db.drop();
});

let seq = 0;
/** A signed delivery (a fresh body each time, so never a replay unless `again` is given). */
function deliver(server: Server, opts: { body?: string; path?: string; sign?: boolean; again?: string } = {}) {
  const body = opts.again ?? opts.body ?? JSON.stringify({ alert: 'x', seq: seq++ });
  const ts = Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', hook.secret).update(`${ts}.${body}`).digest('hex');
  return request(server)
    .post(opts.path ?? `/api/hooks/${hook.id}`)
    .set('Content-Type', 'application/json')
    .set('x-autonomic-timestamp', String(ts))
    .set('x-autonomic-signature', opts.sign === false ? 'sha256=00' : `sha256=${sig}`)
    .send(body);
}

/** What a caller sees: the status and the body, run ids aside (each server starts its own runs). */
const seen = (r: request.Response) => ({ status: r.status, body: { ...r.body, runId: typeof r.body.runId } });

describe('webhook fast path', () => {
  it('when a plain delivery arrives then the fast path answers it (no Express headers) exactly as the route does', async () => {
    const viaFast = await deliver(fast);
    const viaExpress = await deliver(plain);

    expect(seen(viaFast)).toEqual(seen(viaExpress));
    expect(viaFast.status).toBe(202);
    expect(viaFast.headers['content-security-policy']).toBeUndefined(); // helmet did not run: Express did not
    expect(viaExpress.headers['content-security-policy']).toBeDefined();
    expect(viaFast.headers).toMatchObject({ 'cache-control': 'no-store', 'content-type': /application\/json/ });
  });

  it('when the caller waits then both answer 200 with the result and Preference-Applied', async () => {
    const [a, b] = [
      await deliver(fast, { path: `/api/hooks/${hook.id}?wait=2000` }),
      await deliver(plain, { path: `/api/hooks/${hook.id}?wait=2000` }),
    ];

    expect(seen(a)).toEqual(seen(b));
    expect(a.body).toMatchObject({ status: 'succeeded', output: { ok: true } });
    expect(a.headers['preference-applied']).toBe('wait=2');
  });

  it('when a delivery is refused (bad signature, replay, bad JSON, too deep) then the fast path gives the route’s refusal', async () => {
    const body = JSON.stringify({ once: seq++ });
    await deliver(fast, { body });
    const deep = `${'['.repeat(70)}${']'.repeat(70)}`;
    const cases = [
      [await deliver(fast, { sign: false }), await deliver(plain, { sign: false })],
      [await deliver(fast, { again: body }), await deliver(plain, { sign: false })],
      [await deliver(fast, { body: '{"a":' }), await deliver(plain, { body: '{"a":' })],
      [await deliver(fast, { body: '"text"' }), await deliver(plain, { body: '"text"' })],
      [await deliver(fast, { body: deep }), await deliver(plain, { body: deep })],
    ];

    for (const [a, b] of cases) expect(a && seen(a)).toEqual(b && seen(b));
    expect(cases.map(([a]) => a?.status)).toEqual([401, 401, 400, 400, 400]);
    expect(unhandled).toEqual([]);
  });

  it('when the query is anything but wait then Express answers it, naming the field in words', async () => {
    const res = await deliver(fast, { path: `/api/hooks/${hook.id}?wait=99999` });

    expect(res.status).toBe(400);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(JSON.stringify(res.body)).toContain('wait');
  });
});
