import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafetyPort, SafetyList } from '../../src/engine';
import { auditPolicySkip, POLICY_SKIP_ACTION } from '../../src/executor/policy-audit';
import type { SafetySource } from '../../src/services/contracts';
import { testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { eventually, publishedWorkflow, RecordingEffects, runtime, step, transform, workflow } from './support';

const list = SafetyList.parse({
  protected: [{ kind: 'ip', value: '10.0.0.5', criticality: 'critical', reason: 'backup server' }],
  autoOk: [{ kind: 'cidr', value: '203.0.113.0/24', criticality: 'low', reason: 'known-bad range' }],
});
const safety: SafetySource = { port: () => createSafetyPort(list), list: async () => list };

let db: TestDatabase;
let rt: ReturnType<typeof runtime>;
const effects = new RecordingEffects();
beforeAll(async () => {
  db = await createTestDatabase();
  rt = runtime(testContext(db.prisma), db.url, effects, { safety });
  await rt.executor.start();
});
afterAll(async () => {
  await rt.executor.stop();
  await db.drop();
});

/**
 * start → ask (approval, skip when auto-OK) ─approved→ push (http POST, target ip {{ event.ip }}) → done
 */
const doc = workflow('ask', {
  ask: step(
    'approval',
    { approvers: { roles: ['reviewer'] }, timeout: '1h', skipWhenAutoOk: { enabled: true } },
    { approved: 'push' },
  ),
  push: step(
    'http',
    {
      method: 'POST',
      url: 'https://fw.example/api/deny',
      body: '{{ event.ip }}',
      target: { kind: 'ip', value: '{{ event.ip }}' },
    },
    { out: 'done' },
  ),
  done: transform('"done"'),
});

describe('live: an approval skipped because its guarded target is auto-OK', () => {
  it('when the guarded http write targets an auto-OK address then no task is stored, the write is sent and the skip is audited once, naming the entry', async () => {
    const wf = await publishedWorkflow(db.prisma, doc);
    const { runId } = await rt.starter.startLive({
      workflowId: wf.workflowId,
      event: { ip: '203.0.113.9' },
      trigger: 'manual',
    });

    const run = await rt.starter.waitForRun(runId, 5_000);

    expect(run.status).toBe('succeeded');
    expect(await db.prisma.approvalTask.count({ where: { runId } })).toBe(0);
    expect(effects.calls.filter((c) => c.target?.value === '203.0.113.9').map((c) => c.stepId)).toEqual(['push']);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: POLICY_SKIP_ACTION } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'system:executor',
      targetType: 'approval_task',
      targetId: expect.stringContaining(':ask'),
      details: {
        runId,
        stepKey: 'ask',
        decision: 'approved',
        decidedBy: 'policy',
        guards: [
          {
            stepId: 'push',
            effect: 'write',
            target: { kind: 'ip', value: '203.0.113.9' },
            entry: 'cidr 203.0.113.0/24',
            reason: 'known-bad range',
          },
        ],
      },
    });
  });

  it('when the guarded target is not auto-OK then the task is stored and waits, and nothing is audited as skipped', async () => {
    const wf = await publishedWorkflow(db.prisma, doc);
    const { runId } = await rt.starter.startLive({
      workflowId: wf.workflowId,
      event: { ip: '192.0.2.1' },
      trigger: 'manual',
    });

    const task = await eventually(() =>
      db.prisma.approvalTask.findFirst({ where: { runId } }).then((t) => t ?? undefined),
    );

    expect(task.status).toBe('pending');
    expect(effects.calls.some((c) => c.target?.value === '192.0.2.1')).toBe(false);
    const skips = await db.prisma.auditEvent.findMany({ where: { action: POLICY_SKIP_ACTION } });
    expect(skips.map((a) => (a.details as { runId?: string }).runId)).not.toContain(runId);
  });

  it('when the engine reports the same skip again (a re-run after a crash) then the audit line is not repeated', async () => {
    const [first] = await db.prisma.auditEvent.findMany({ where: { action: POLICY_SKIP_ACTION } });
    const details = first?.details as { runId: string; stepKey: string; guards: [] };
    const task = {
      id: first?.targetId ?? '',
      runId: details.runId,
      stepId: 'ask',
      stepKey: details.stepKey,
      message: '',
      approvers: { users: [], roles: ['reviewer'] },
      quorum: 1,
      createdAt: 0,
      deadline: 1,
      onTimeout: 'timeout' as const,
      escalation: [],
    };

    await auditPolicySkip(db.prisma, task, { guards: details.guards });

    expect(await db.prisma.auditEvent.count({ where: { action: POLICY_SKIP_ACTION, targetId: task.id } })).toBe(1);
  });
});
