/**
 * Text from the outside world that PostgreSQL cannot store — a NUL character or a lone
 * UTF-16 surrogate in a vendor's HTTP answer, or built by an expression — must not lose a
 * run: at the store boundary it becomes U+FFFD in run state, step runs, run results,
 * simulations and approval tasks (store/storable.ts), and the run goes on.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@autonomic/api';
import { createHttpClient, createLiveEffects, type HttpClient } from '../../src/adapters';
import { createSimulationService } from '../../src/services/workflows';
import { jsonbText, storableJson } from '../../src/store/storable';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testContext } from '../support/app';
import { allowAll, eventually, publishedWorkflow, runtime, step, transform, workflow } from './support';

/** The vendor's answers: JSON whose escapes decode to a NUL and a lone surrogate, raw NUL bytes in text. */
const ANSWERS: Record<string, { status: number; type: string; body: string }> = {
  '/json': {
    status: 200,
    type: 'application/json',
    body: '{"verdict":"nul \\u0000 lone \\ud800 pair \\ud83d\\udee1 end","k\\u0000":1}',
  },
  '/plain': { status: 200, type: 'text/plain', body: 'raw \u0000 byte' },
  '/fail': { status: 500, type: 'text/plain', body: 'vendor broke \u0000 here' },
};

let db: TestDatabase;
let vendor: Server;
let base: string;
let http: HttpClient;
let rt: ReturnType<typeof runtime>;
beforeAll(async () => {
  db = await createTestDatabase();
  vendor = createServer((req, res) => {
    const answer = ANSWERS[req.url ?? ''] ?? { status: 404, type: 'text/plain', body: 'no' };
    res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;
  // The real outbound client and live effects; loopback is allowed as OUTBOUND_ALLOW would allow it.
  http = createHttpClient({ allow: ['127.0.0.1/32'] });
  const live = createLiveEffects({ http, vault: { reveal: async () => undefined }, log: pino({ level: 'silent' }) });
  rt = runtime(testContext(db.prisma), db.url, live);
  await rt.executor.start();
});
afterAll(async () => {
  await rt.executor.stop();
  await http.close();
  vendor.close();
  await db.drop();
});

const get = (path: string, to: Record<string, string> = {}) =>
  step('http', { method: 'GET', url: `${base}${path}` }, to);
const R = '\ufffd';

async function stored(runId: string) {
  const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
  const steps = await db.prisma.stepRun.findMany({ where: { runId }, orderBy: { startedAt: 'asc' } });
  const results = await db.prisma.runResult.findMany({ where: { runId } });
  return { run, steps, results };
}

describe('unstorable text at the store boundary', () => {
  it('when JSON text holds NULs or lone surrogates (in values or keys) then jsonb text has U+FFFD instead, and everything else is unchanged', () => {
    const cases: [unknown, unknown][] = [
      ['a\u0000b', `a${R}b`],
      ['high \ud800 alone', `high ${R} alone`],
      ['low \udc00 alone', `low ${R} alone`],
      ['\udc00\ud800 reversed', `${R}${R} reversed`],
      ['a pair 🛡 stays', 'a pair 🛡 stays'],
      ['\\u0000 and \\ud800 as text stay text', '\\u0000 and \\ud800 as text stay text'],
      ['\\\u0000 after a backslash', `\\${R} after a backslash`],
      [{ 'k\u0000': ['\ud800'] }, { [`k${R}`]: [R] }],
      [{ clean: [1, null, true] }, { clean: [1, null, true] }],
    ];

    for (const [value, want] of cases) {
      expect(JSON.parse(jsonbText(value))).toEqual(want);
      expect(storableJson(value)).toEqual(want);
    }
    const clean = { a: [1] };
    expect(storableJson(clean)).toBe(clean);
  });

  it('when a live run’s HTTP steps answer NULs and lone surrogates then the run completes and its state, steps and results are stored with U+FFFD', async () => {
    // start → fetch (GET /json) → plain (GET /plain) → shape (transform) → done (end)
    const doc = workflow('fetch', {
      fetch: get('/json', { out: 'plain' }),
      plain: get('/plain', { out: 'shape' }),
      shape: transform('{ "verdict": steps.fetch.output.body.verdict, "raw": steps.plain.output.body }', {
        out: 'done',
      }),
      done: step('end', { output: 'steps.shape.output', message: '{{ steps.fetch.output.body.verdict }}' }),
    });
    const wf = await publishedWorkflow(db.prisma, doc);

    const { runId } = await rt.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });
    const summary = await rt.starter.waitForRun(runId, 15_000);

    expect(summary.status).toBe('succeeded');
    const { run, steps, results } = await stored(runId);
    const verdict = `nul ${R} lone ${R} pair 🛡 end`;
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ verdict, raw: `raw ${R} byte` });
    expect(steps.map((s) => [s.stepKey, s.status])).toEqual([
      ['fetch', 'succeeded'],
      ['plain', 'succeeded'],
      ['shape', 'succeeded'],
      ['done', 'succeeded'],
    ]);
    expect(steps[0]?.output).toMatchObject({ status: 200, body: { verdict, [`k${R}`]: 1 } });
    expect(results.find((r) => r.key === 'plain')?.data).toMatchObject({ output: { body: `raw ${R} byte` } });
  });

  it('when a vendor’s error answer holds a NUL then the run fails with that error stored, U+FFFD in its message', async () => {
    const wf = await publishedWorkflow(db.prisma, workflow('broken', { broken: get('/fail') }));

    const { runId } = await rt.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });
    const summary = await rt.starter.waitForRun(runId, 15_000);

    expect(summary.status).toBe('failed');
    const { run, steps } = await stored(runId);
    expect(run.status).toBe('failed');
    expect(JSON.stringify(run.error)).toContain(`vendor broke ${R} here`);
    expect(steps.at(-1)?.error).toMatchObject({ message: expect.stringContaining(`vendor broke ${R} here`) });
  });

  it('when an approval’s message holds the vendor’s lone surrogate then the task is opened and stored, and the run waits on it', async () => {
    const approver = await createUser(db.prisma, 'reviewer');
    const doc = workflow('fetch', {
      fetch: get('/json', { out: 'ask' }),
      ask: step('approval', {
        approvers: { users: [approver.username] },
        message: 'Vendor says {{ steps.fetch.output.body.verdict }}',
        timeout: '1h',
      }),
    });
    const wf = await publishedWorkflow(db.prisma, doc);

    const { runId } = await rt.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'manual' });

    const task = await eventually(
      () => db.prisma.approvalTask.findFirst({ where: { runId } }).then((t) => t ?? undefined),
      15_000,
    );
    expect(task.status).toBe('pending');
    expect(task.approvers).toMatchObject({ message: `Vendor says nul ${R} lone ${R} pair 🛡 end` });
    const run = await eventually(() =>
      db.prisma.run.findUniqueOrThrow({ where: { id: runId } }).then((r) => (r.status === 'waiting' ? r : undefined)),
    );
    expect(run.status).toBe('waiting');
  });

  it('when a dedupe key rendered from an event holds a NUL or a lone surrogate then the run starts, a repeat is deduplicated, and after the window the key is released', async () => {
    const wf = await publishedWorkflow(db.prisma, workflow('done', { done: step('end', {}) }));
    for (const bad of ['\u0000', '\ud800']) {
      const start = () =>
        rt.starter.startLive({
          workflowId: wf.workflowId,
          event: {},
          trigger: 'webhook',
          dedupeKey: `webhook-dedupe:${wf.workflowId}:alert ${bad} 7`,
          dedupeWindowMs: 3_600_000,
        });

      const first = await start();
      const repeat = await start();
      await db.prisma.run.update({
        where: { id: first.runId },
        data: { createdAt: new Date(Date.now() - 7_200_000) },
      });
      const later = await start();

      expect(repeat).toEqual({ runId: first.runId, deduplicated: true });
      expect(later.deduplicated).toBe(false);
      expect(later.runId).not.toBe(first.runId);
      const key = `webhook-dedupe:${wf.workflowId}:alert ${R} 7`;
      const old = await db.prisma.run.findUniqueOrThrow({ where: { id: first.runId } });
      expect(old.dedupeKey).toBe(`${key}~${first.runId}`);
      expect((await db.prisma.run.findUniqueOrThrow({ where: { id: later.runId } })).dedupeKey).toBe(key);
    }
  });

  it('when a simulated step builds a NUL and a lone surrogate then the simulation answers and is stored with U+FFFD', async () => {
    const analyst = await createUser(db.prisma, 'analyst');
    const doc = workflow('make', {
      make: transform('"nul \\u0000 lone \\ud800"', { out: 'done' }),
      done: step('end', { output: 'steps.make.output' }),
    });
    const wf = await publishedWorkflow(db.prisma, doc, { ownerId: analyst.id });
    const simulations = createSimulationService(testContext(db.prisma), { safety: allowAll });
    const actor: Actor = { userId: analyst.id, username: analyst.username, role: 'analyst', via: 'token' };

    const view = await simulations.simulate(actor, wf.workflowId, 1, { event: {} });

    expect(view.status).toBe('succeeded');
    const { run, steps } = await stored(view.runId);
    expect(run.mode).toBe('simulation');
    expect(run.output).toBe(`nul ${R} lone ${R}`);
    expect(steps.find((s) => s.stepKey === 'make')?.output).toBe(`nul ${R} lone ${R}`);
  });
});
