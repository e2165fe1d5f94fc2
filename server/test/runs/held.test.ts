/**
 * One durable commit for a synchronous run (issue 18 §3): a run whose caller waits for its
 * end is driven in memory first; pure steps are not committed on their own, and the first
 * durable point (an effect that writes, a wait, the end) records the run with its INSERT.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EffectRequest, EffectResult, EffectsPort } from '../../src/engine';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testContext } from '../support/app';
import {
  eventually,
  post,
  publishedWorkflow,
  RecordingEffects,
  runtime,
  step,
  testExecutor,
  transform,
  workflow,
} from './support';

let db: TestDatabase;
let rt: ReturnType<typeof runtime>;

/** Effects that look at the database when they are sent, and can be held up. */
class WatchingEffects implements EffectsPort {
  /** Per idempotency key: how many step_runs rows of its run existed when it was sent. */
  readonly seen = new Map<string, number>();
  gate: Promise<void> = Promise.resolve();
  sent = 0;
  async perform(req: EffectRequest): Promise<EffectResult> {
    this.sent++;
    this.seen.set(req.idempotencyKey, await db.prisma.stepRun.count({ where: { runId: req.runId } }));
    await this.gate;
    return { ok: true, output: { step: req.stepKey } };
  }
}
const effects = new WatchingEffects();

beforeAll(async () => {
  db = await createTestDatabase();
  // Long intervals: nothing but the runs under test sends statements while they are counted.
  rt = runtime(testContext(db.prisma), db.url, effects, { leaseMs: 60_000, pollMs: 60_000, livenessMs: 60_000 });
  await rt.executor.start();
});
afterAll(async () => {
  await rt.executor.stop();
  await db.drop();
});

/** start → normalise → decide ─true→ verdict (transform, condition, transform) */
const threeSteps = workflow('normalise', {
  normalise: transform('{ "ip": event.src_ip }', { out: 'decide' }),
  decide: step('condition', { predicate: 'steps.normalise.output.ip = "10.0.0.7"' }, { true: 'verdict' }),
  verdict: transform('"contain " & steps.normalise.output.ip'),
});

/** A LISTENer of the executor's batched NOTIFYs: `until(text)` resolves once a payload carried it. */
async function listen() {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const payloads: string[] = [];
  const waiting: { text: string; resolve(): void }[] = [];
  client.on('notification', (n) => {
    payloads.push(n.payload ?? '');
    for (const w of waiting) if (n.payload?.includes(w.text)) w.resolve();
  });
  await client.query('LISTEN autonomic_runs');
  return {
    until: async (text: string) => {
      if (!payloads.some((p) => p.includes(text)))
        await new Promise<void>((resolve) => waiting.push({ text, resolve }));
      await client.end();
    },
  };
}

const claim = () => ({ nonce: randomUUID(), expiresAt: new Date(Date.now() + 300_000) });
const start = (workflowId: string, more: { claim?: ReturnType<typeof claim> } = {}) =>
  rt.starter.startLive({ workflowId, event: { src_ip: '10.0.0.7' }, trigger: 'webhook', awaitEnd: true, ...more });

describe('a run whose caller waits for its end', () => {
  it('when it is three pure steps then it costs ONE statement, which records the ended run, its steps and its signature', async () => {
    const wf = await publishedWorkflow(db.prisma, threeSteps);
    // Warms the caches (the published version, its destructive budget): recorded first, then run.
    const listener = await listen();
    const warm = await start(wf.workflowId);
    await listener.until(`${warm.runId} succeeded`); // its last statement, the batched NOTIFY, is sent
    const before = rt.executor.statements;

    const c = claim();
    const { runId } = await start(wf.workflowId, { claim: c });

    // The run is recorded when `startLive` resolves (the batched status NOTIFY, not durable, follows).
    expect(rt.executor.statements - before).toBe(1);
    expect(await rt.starter.waitForRun(runId, 1_000)).toMatchObject({ status: 'succeeded' });
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(run).toMatchObject({ status: 'succeeded', leaseOwner: null });
    expect(run.steps.map((s) => s.stepKey).sort()).toEqual(['decide', 'normalise', 'verdict']);
    expect(run.steps.find((s) => s.stepKey === 'verdict')?.output).toBe('contain 10.0.0.7');
    expect(await db.prisma.webhookNonce.count({ where: { workflowId: wf.workflowId, nonce: c.nonce } })).toBe(1);
  });

  it('when the same signature comes again then it is refused and nothing more is recorded', async () => {
    const wf = await publishedWorkflow(db.prisma, threeSteps);
    await start(wf.workflowId);
    const c = claim();
    await start(wf.workflowId, { claim: c });

    await expect(start(wf.workflowId, { claim: c })).rejects.toThrow(/replayed/);

    expect(await db.prisma.run.count({ where: { workflowId: wf.workflowId } })).toBe(2);
  });

  it('when its first step writes to the world then the run and that attempt are recorded before the call is sent', async () => {
    // start → notify (POST) → verdict (transform)
    const wf = await publishedWorkflow(
      db.prisma,
      workflow('notify', { notify: post('https://chat.example/hook', { out: 'verdict' }), verdict: transform('1') }),
    );
    const warm = await start(wf.workflowId);
    await rt.starter.waitForRun(warm.runId, 2_000);

    const { runId } = await start(wf.workflowId);

    expect(await rt.starter.waitForRun(runId, 2_000)).toMatchObject({ status: 'succeeded' });
    expect(effects.seen.get(`${runId}:notify:1`)).toBe(1);
  });

  it('while it has not reached a durable point then nothing of it is in the database, not even its signature', async () => {
    // start → normalise (transform) → lookup (GET, a read: no durable point) → verdict (transform)
    const wf = await publishedWorkflow(
      db.prisma,
      workflow('normalise', {
        normalise: transform('1', { out: 'lookup' }),
        lookup: step('http', { method: 'GET', url: 'https://intel.example/ip' }, { out: 'verdict' }),
        verdict: transform('2'),
      }),
    );
    await start(wf.workflowId);
    const runsBefore = await db.prisma.run.count({ where: { workflowId: wf.workflowId } });
    let open: () => void = () => undefined;
    effects.gate = new Promise((r) => (open = r));
    const sent = effects.sent;
    const c = claim();

    const started = start(wf.workflowId, { claim: c });
    await eventually(async () => (effects.sent > sent ? true : undefined));

    // A crash now would leave exactly this: no run, no spent signature (and no 2xx was sent).
    expect(await db.prisma.run.count({ where: { workflowId: wf.workflowId } })).toBe(runsBefore);
    expect(await db.prisma.webhookNonce.count({ where: { nonce: c.nonce } })).toBe(0);
    open();
    const { runId } = await started;
    expect(await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: 'succeeded' });
    expect(await db.prisma.webhookNonce.count({ where: { nonce: c.nonce } })).toBe(1);
  });

  it('when its process stops after the first durable point then another resumes it and re-runs only what was not committed', async () => {
    // start → normalise (transform) → notify (POST: the durable point) → verdict (transform)
    const doc = workflow('normalise', {
      normalise: transform('{ "ip": event.src_ip }', { out: 'notify' }),
      notify: post('https://chat.example/hook', { out: 'verdict' }),
      verdict: transform('"contain " & steps.normalise.output.ip'),
    });
    const wf = await publishedWorkflow(db.prisma, doc);
    const ctx = testContext(db.prisma);
    const gated = new WatchingEffects();
    let open: () => void = () => undefined;
    gated.gate = new Promise((r) => (open = r));
    const first = runtime(ctx, db.url, gated, { stopGraceMs: 50 });
    await first.executor.start();
    const warm = await first.starter.startLive({ workflowId: wf.workflowId, event: {}, trigger: 'webhook' });
    await eventually(async () => (gated.sent > 0 ? true : undefined)); // the warm-up run's POST is hanging

    const held = first.starter.startLive({
      workflowId: wf.workflowId,
      event: { src_ip: '10.0.0.7' },
      trigger: 'webhook',
      awaitEnd: true,
    });
    const { runId } = await held; // recorded: its POST is sent next
    await eventually(async () => (gated.seen.has(`${runId}:notify:1`) ? true : undefined));
    // When the POST was sent, normalise and the POST's own attempt were recorded (by the INSERT).
    expect(gated.seen.get(`${runId}:notify:1`)).toBe(2);
    const normalised = await db.prisma.stepRun.findFirstOrThrow({ where: { runId, stepKey: 'normalise' } });
    await first.executor.stop(); // gives the run back where it was committed; its POST never answered
    open();

    const other = new RecordingEffects();
    const second = testExecutor(ctx, db.url, other);
    await second.start();
    await eventually(async () => {
      const run = await db.prisma.run.findUnique({ where: { id: runId } });
      return run?.status === 'succeeded' ? run : undefined;
    });
    await second.stop();

    // The write is re-sent under the same key by whichever executor resumed it (this file's
    // own one may claim it first); the pure step before it is not run again.
    const resent = [...other.keys(), ...effects.seen.keys()].filter((k) => k.startsWith(runId));
    expect(resent).toEqual([`${runId}:notify:1`]);
    const steps = await db.prisma.stepRun.findMany({ where: { runId }, orderBy: { startedAt: 'asc' } });
    expect(steps.map((x) => `${x.stepKey}:${x.attempt}:${x.status}`)).toEqual([
      'normalise:1:succeeded',
      'notify:1:succeeded',
      'verdict:1:succeeded',
    ]);
    expect(steps.find((x) => x.stepKey === 'verdict')?.output).toBe('contain 10.0.0.7');
    // A re-run would have rewritten its row (same key and attempt) with a new finish time.
    expect(steps[0]?.finishedAt).toEqual(normalised.finishedAt);
    expect(warm.runId).not.toBe(runId);
  });
});
