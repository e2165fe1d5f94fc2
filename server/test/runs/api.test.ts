import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { post, publishedWorkflow, RecordingEffects, runtime, transform, workflow } from './support';

let db: TestDatabase;
let rt: ReturnType<typeof runtime>;
let auth: string;
beforeAll(async () => {
  db = await createTestDatabase();
  rt = runtime(testContext(db.prisma), db.url, new RecordingEffects({ slow: { slow: 250 } }));
  await rt.executor.start();
  auth = (await createUser(db.prisma, 'analyst')).auth;
});
afterAll(async () => {
  await rt.executor.stop();
  await db.drop();
});

const get = (path: string) => request(rt.app).get(path).set('Authorization', auth);

describe('runs API', () => {
  it('when runs are listed with filters then only matching runs come, newest first, in keyset pages without overlap', async () => {
    const a = await publishedWorkflow(db.prisma, workflow('x', { x: transform('1') }));
    const b = await publishedWorkflow(db.prisma, workflow('x', { x: transform('$error("boom")') }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await rt.starter.startLive({ workflowId: a.workflowId, event: {}, trigger: 'manual' })).runId);
    const failed = (await rt.starter.startLive({ workflowId: b.workflowId, event: {}, trigger: 'manual' })).runId;
    for (const id of [...ids, failed]) await rt.starter.waitForRun(id, 5_000);

    const first = await get(`/api/runs?workflowId=${a.workflowId}&limit=2`);
    const second = await get(`/api/runs?workflowId=${a.workflowId}&limit=2&cursor=${first.body.nextCursor}`);
    const third = await get(`/api/runs?workflowId=${a.workflowId}&limit=2&cursor=${second.body.nextCursor}`);
    const pages = [first, second, third].flatMap((r) => r.body.runs.map((x: { id: string }) => x.id));

    expect(pages).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();
    const onlyFailed = await get('/api/runs?status=failed');
    expect(onlyFailed.body.runs.map((r: { id: string }) => r.id)).toEqual([failed]);
    const none = await get(`/api/runs?mode=simulation&workflowId=${a.workflowId}`);
    expect(none.body.runs).toEqual([]);
    const future = await get(`/api/runs?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.body.runs).toEqual([]);
    expect((await get('/api/runs?status=bogus')).status).toBe(400);
    expect((await get('/api/runs?cursor=nonsense')).status).toBe(400);
    expect((await request(rt.app).get('/api/runs')).status).toBe(401);
  });

  it('when a client follows a run over SSE then it receives step and run events as JSON, ending with the final status', async () => {
    // start → slow (POST, 250 ms; heartbeats every 100 ms) → last
    const wf = await publishedWorkflow(
      db.prisma,
      workflow('slow', { slow: post('https://x.example', { out: 'last' }), last: transform('1') }),
    );
    const server = http.createServer(rt.app).listen(0);
    const port = (server.address() as AddressInfo).port;
    const { runId } = await rt.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });
    const listeners = rt.executor.events.listenerCount('run');

    const text = await new Promise<{ type: string; body: string }>((resolve, reject) => {
      const req = http.get(
        `http://127.0.0.1:${port}/api/runs/${runId}/events`,
        { headers: { authorization: auth } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
            // Wait for the end AND a heartbeat: on a loaded machine the run may end before the first beat.
            if (/event: run\ndata: [^\n]*"status":"succeeded"/.test(body) && body.includes(': heartbeat')) {
              req.destroy();
              resolve({ type: String(res.headers['content-type']), body });
            }
          });
        },
      );
      req.on('error', reject);
    });
    server.close();

    expect(text.type).toContain('text/event-stream');
    expect(text.body).toContain(': heartbeat');
    await expect.poll(() => rt.executor.events.listenerCount('run')).toBe(listeners);
    const events = text.body
      .split('\n\n')
      .filter((b) => b.startsWith('event:'))
      .map((b) => ({ event: b.split('\n')[0]?.slice(7), data: JSON.parse(b.split('\n')[1]?.slice(6) ?? '{}') }));
    expect(events[0]).toEqual({ event: 'run', data: expect.objectContaining({ runId }) });
    expect(events).toContainEqual({
      event: 'step',
      data: expect.objectContaining({ runId, stepKey: 'slow', status: 'succeeded' }),
    });
    expect(events.at(-1)).toEqual({ event: 'run', data: expect.objectContaining({ runId, status: 'succeeded' }) });
  });

  it('when a run is read then the detail has its event, steps and no engine internals; an unknown id is 404', async () => {
    const wf = await publishedWorkflow(db.prisma, workflow('x', { x: transform('event.n + 1') }));
    const { runId } = await rt.starter.startLive({ workflowId: wf.workflowId, event: { n: 1 }, trigger: 'manual' });
    await rt.starter.waitForRun(runId, 5_000);

    const detail = await get(`/api/runs/${runId}`);

    expect(detail.body).toMatchObject({
      id: runId,
      status: 'succeeded',
      event: { n: 1 },
      steps: [{ stepKey: 'x', output: 2 }],
    });
    expect(detail.body).not.toHaveProperty('state');
    expect((await get('/api/runs/00000000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
