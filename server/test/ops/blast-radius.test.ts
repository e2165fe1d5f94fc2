import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEffectGuard, createEffectsFactory } from '../../src/adapters';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import { systemClock, type EffectRequest, type EffectResult, type EffectsPort } from '../../src/engine';
import { appendStepRuns } from '../../src/store/step-runs';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { testContext } from '../support/app';
import { gatewayRequest } from '../support/gateway';
import { seedWorkflow } from './fixtures';

let db: TestDatabase;
const sent: string[] = [];
const inner: EffectsPort = {
  async perform(r) {
    sent.push(`${r.runId} ${r.stepKey}`);
    return { ok: true, output: { accepted: true } };
  },
};

function request(runId: string, stepKey: string, effect: EffectRequest['effect'] = 'destructive'): EffectRequest {
  return {
    runId,
    stepId: stepKey,
    stepKey,
    nodeType: effect === 'destructive' ? 'connector' : 'http',
    effect,
    params: {},
    idempotencyKey: `${runId}:${stepKey}:1`,
    attempt: 1,
    signal: new AbortController().signal,
  };
}

/** A live run of the workflow with destructive step runs started `minutesAgo`. */
async function runWith(
  workflowId: string,
  versionId: string,
  steps: { key: string; minutesAgo: number; refused?: boolean }[],
) {
  const run = await db.prisma.run.create({
    data: { workflowId, versionId, mode: 'live', triggerType: 'webhook', input: {} },
  });
  await appendStepRuns(
    db.prisma,
    steps.map((s) => ({
      runId: run.id,
      stepKey: s.key,
      stepId: s.key,
      attempt: 1,
      nodeType: 'connector',
      status: s.refused ? 'failed' : 'succeeded',
      effectClass: 'destructive',
      error: s.refused ? { kind: 'safety', message: 'refused: protected', retryable: false } : undefined,
      startedAt: new Date(Date.now() - s.minutesAgo * 60_000),
    })),
  );
  return run.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('kill switch', () => {
  it('when the kill switch is on then every effect is refused with kind safety, and it applies again once off', async () => {
    const { workflow } = await seedWorkflow(db.prisma);
    const guard = createEffectGuard(testContext(db.prisma), { policyTtlMs: 0 });
    const port = guard.wrap(workflow.id, inner);
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { killSwitch: true } });
    sent.length = 0;
    for (const effect of ['destructive', 'write', 'read'] as const) {
      const r = await port.perform(request('r1', `s-${effect}`, effect));
      expect(r).toEqual({
        ok: false,
        error: { kind: 'safety', message: 'refused: kill switch is on', retryable: false },
      });
    }
    expect(sent).toEqual([]);
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { killSwitch: false } });
    expect((await port.perform(request('r1', 'again'))).ok).toBe(true);
  });

  it('when the kill switch is turned on then a cached "off" is reused for at most policyTtlMs', async () => {
    const { workflow } = await seedWorkflow(db.prisma);
    const port = createEffectGuard(testContext(db.prisma), { policyTtlMs: 200 }).wrap(workflow.id, inner);
    expect((await port.perform(request('r2', 'a'))).ok).toBe(true);
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { killSwitch: true } });
    await new Promise((r) => setTimeout(r, 250));
    expect((await port.perform(request('r2', 'b'))).ok).toBe(false);
  });
});

/** The refusal's message, or undefined when the effect went out. */
const refusal = (r: EffectResult) => (r.ok ? undefined : r.error.message);

/** A context whose clock reads `time.now`, moved by the test (the database keeps real time). */
function virtualTime() {
  const time = { now: Date.now() };
  const ctx = { ...testContext(db.prisma), clock: { ...systemClock, now: () => time.now } };
  return { time, ctx };
}

describe('policy cache', () => {
  it('when the workflow does not exist then every effect is refused as an internal error, not retried, and nothing is sent', async () => {
    const missing = randomUUID();
    const port = createEffectGuard(testContext(db.prisma), { policyTtlMs: 0 }).wrap(missing, inner);
    sent.length = 0;
    expect(await port.perform(request('gone', 'a', 'read'))).toEqual({
      ok: false,
      error: { kind: 'internal', message: `workflow ${missing} not found`, retryable: false },
    });
    expect(sent).toEqual([]);
  });

  it('when the kill switch is turned on then the cached "off" holds for just under policyTtlMs, and invalidate() drops it at once', async () => {
    const { workflow } = await seedWorkflow(db.prisma);
    const { time, ctx } = virtualTime();
    const guard = createEffectGuard(ctx, { policyTtlMs: 200 });
    const port = guard.wrap(workflow.id, inner);
    expect((await port.perform(request('ttl', 'a'))).ok).toBe(true);
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { killSwitch: true } });
    time.now += 199;
    expect((await port.perform(request('ttl', 'b'))).ok).toBe(true);
    time.now += 1;
    expect(refusal(await port.perform(request('ttl', 'c')))).toBe('refused: kill switch is on');
    // Lifted in this process: invalidate() applies it before the cached "on" expires.
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { killSwitch: false } });
    guard.invalidate(workflow.id);
    expect((await port.perform(request('ttl', 'd'))).ok).toBe(true);
  });
});

describe('blast radius per hour', () => {
  it("when this process's grant is an hour old then it no longer counts (virtual clock)", async () => {
    const { workflow } = await seedWorkflow(db.prisma);
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { maxDestructivePerHour: 1 } });
    const { time, ctx } = virtualTime();
    const port = createEffectGuard(ctx, { policyTtlMs: 0 }).wrap(workflow.id, inner);
    expect((await port.perform(request('hour-1', 'block'))).ok).toBe(true);
    time.now += 3_600_000 - 1;
    expect(refusal(await port.perform(request('hour-2', 'block')))).toBe(
      'refused: blast radius: 1 destructive actions in the last hour, limit 1',
    );
    time.now += 1;
    expect((await port.perform(request('hour-2', 'block'))).ok).toBe(true);
  });

  it('when the last hour already holds the limit then the next destructive action is refused and reported', async () => {
    const { workflow, version } = await seedWorkflow(db.prisma);
    const other = await seedWorkflow(db.prisma);
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { maxDestructivePerHour: 2 } });
    // Counted: two actions in the last hour (one retried twice counts once).
    await runWith(workflow.id, version.id, [{ key: 'block', minutesAgo: 30 }]);
    const retried = await runWith(workflow.id, version.id, [{ key: 'isolate', minutesAgo: 10 }]);
    await db.prisma.stepRun.create({
      data: {
        runId: retried,
        stepKey: 'isolate',
        stepId: 'isolate',
        attempt: 2,
        nodeType: 'connector',
        status: 'succeeded',
        effectClass: 'destructive',
      },
    });
    // Not counted: too old, refused by safety, another workflow's.
    await runWith(workflow.id, version.id, [
      { key: 'old', minutesAgo: 61 },
      { key: 'refused', minutesAgo: 5, refused: true },
    ]);
    await runWith(other.workflow.id, other.version.id, [{ key: 'x', minutesAgo: 1 }]);

    const port = createEffectGuard(testContext(db.prisma)).wrap(workflow.id, inner);
    sent.length = 0;
    const r = await port.perform(request('new-run', 'block'));
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'safety',
        message: 'refused: blast radius: 2 destructive actions in the last hour, limit 2',
        retryable: false,
      },
    });
    // Reads and writes do not spend the destructive budget; a re-run of a counted action is itself.
    expect((await port.perform(request('new-run', 'lookup', 'read'))).ok).toBe(true);
    expect((await port.perform({ ...request(retried, 'isolate'), attempt: 3 })).ok).toBe(true);
    expect(sent).toEqual(['new-run lookup', `${retried} isolate`]);
  });

  it('when several actions race for the last unit of budget in one process then no more than the budget goes out', async () => {
    const { workflow } = await seedWorkflow(db.prisma);
    await db.prisma.workflow.update({ where: { id: workflow.id }, data: { maxDestructivePerHour: 3 } });
    const port = createEffectGuard(testContext(db.prisma)).wrap(workflow.id, inner);
    sent.length = 0;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => port.perform(request(`race-${i}`, 'block'))));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(sent).toHaveLength(3);
  });
});

describe('effects factory', () => {
  it('when a live workflow blocks an IP then the call goes out through the guard: refused under the kill switch, sent without', async () => {
    const { workflow } = await seedWorkflow(db.prisma);
    const hits: string[] = [];
    const server = createServer((r, res) => {
      hits.push(String(r.headers['idempotency-key']));
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const ctx = testContext(db.prisma, { OUTBOUND_ALLOW: ['127.0.0.1/32'] });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fw = { name: 'gateway-fw', connectorId: 'autonomic-gateway', mode: 'live' as const, value: 'x', baseUrl };
    const credentials = {
      reveal: async (name: string) => (name === fw.name ? { ...fw, settings: { auth: 'none' } } : undefined),
      index: async () => [],
    };
    const factory = createEffectsFactory(ctx, {
      vault: { reveal: async () => undefined },
      guard: { policyTtlMs: 0 },
      connectors: { catalog: createConnectorCatalog(), credentials },
    });
    try {
      const block = gatewayRequest('block_ip', { ip: '203.0.113.9', reason: 'scan', path: '/block' }, 'gateway-fw', {
        runId: 'run-f',
        stepId: 'block',
        stepKey: 'block',
        idempotencyKey: 'run-f:block:1',
      });
      await db.prisma.workflow.update({ where: { id: workflow.id }, data: { killSwitch: true } });
      expect((await factory.forWorkflow(workflow.id).perform(block)).ok).toBe(false);
      await db.prisma.workflow.update({ where: { id: workflow.id }, data: { killSwitch: false } });
      expect(await factory.forWorkflow(workflow.id).perform(block)).toEqual({ ok: true, output: {} });
      expect(hits).toEqual(['run-f:block:1']);
    } finally {
      await factory.close();
      server.close();
    }
  });
});
