import { describe, expect, it } from 'vitest';
import { createVirtualClock, EngineError, type ApprovalsPort, type ApprovalTask } from '../../src/engine';
import { harness, inspect, step, T0, transform, workflow } from './harness';

const HOUR = 3_600_000;

/** An approvals port that records what the engine asked of it. */
function recordingApprovals() {
  const log: string[] = [];
  const tasks: ApprovalTask[] = [];
  const port: ApprovalsPort = {
    open: async (task) => {
      tasks.push(task);
      log.push(`open ${task.id}`);
    },
    escalate: async (task, level) => void log.push(`escalate ${task.id} ${level}`),
    close: async (task, outcome) => void log.push(`close ${task.id} ${outcome}`),
  };
  return { port, log, tasks };
}

/**
 * start → ask (approval) ─approved→ contain
 *                        ├rejected→ stand_down
 *                        └timeout→ expired
 */
function askDoc(params: Record<string, unknown>) {
  return workflow('ask', {
    ask: step(
      'approval',
      { approvers: { roles: ['soc-lead'] }, message: 'Block {{ event.ip }}?', timeout: '4h', ...params },
      { approved: 'contain', rejected: 'stand_down', timeout: 'expired' },
    ),
    contain: transform('"contained"'),
    stand_down: transform('"stood down"'),
    expired: transform('"expired"'),
  });
}

describe('engine: approvals', () => {
  it('when the quorum is 2 then one approval keeps the run waiting and the second lets it through', async () => {
    const approvals = recordingApprovals();
    const { engine, store } = harness({ clock: createVirtualClock({ start: T0 }), approvals: approvals.port });

    const waiting = await engine.start(askDoc({ quorum: 2 }), { ip: '203.0.113.7' });
    const taskId = `${waiting.runId}:ask`;
    expect(waiting).toMatchObject({ status: 'waiting', wakeAt: T0 + 4 * HOUR });
    expect(approvals.tasks[0]).toMatchObject({ id: taskId, message: 'Block 203.0.113.7?', quorum: 2 });

    const one = await engine.decide(waiting.runId, taskId, { decision: 'approved', by: 'alice' });
    expect(one.status).toBe('waiting');
    await expect(engine.decide(waiting.runId, taskId, { decision: 'approved', by: 'alice' })).rejects.toBeInstanceOf(
      EngineError,
    );
    const two = await engine.decide(waiting.runId, taskId, { decision: 'approved', by: 'bob', comment: 'go' });

    expect(two.status).toBe('succeeded');
    const r = await inspect(store, waiting.runId);
    expect(r.path).toEqual(['ask', 'contain']);
    expect(r.result('ask')?.output).toMatchObject({
      decision: 'approved',
      votes: [{ by: 'alice' }, { by: 'bob', comment: 'go' }],
    });
    expect(approvals.log).toEqual([`open ${taskId}`, `close ${taskId} approved`]);
  });

  it('when one approver rejects then the rejected port is taken', async () => {
    const { engine, store } = harness({ clock: createVirtualClock({ start: T0 }) });

    const waiting = await engine.start(askDoc({ quorum: 2 }), { ip: '203.0.113.7' });
    const done = await engine.decide(waiting.runId, `${waiting.runId}:ask`, { decision: 'rejected', by: 'carol' });

    expect(done.status).toBe('succeeded');
    expect((await inspect(store, waiting.runId)).path).toEqual(['ask', 'stand_down']);
  });

  it('when nobody answers then escalation levels fire at their times and the timeout port is taken at the deadline', async () => {
    const clock = createVirtualClock({ start: T0 });
    const approvals = recordingApprovals();
    const { engine, store } = harness({ clock, approvals: approvals.port });
    const escalation = [
      { after: '1h', approvers: { roles: ['duty-manager'] } },
      { after: '2h', approvers: { users: ['ciso'] }, label: 'CISO' },
    ];

    const run = await engine.start(askDoc({ escalation }), { ip: '203.0.113.7' });
    const taskId = `${run.runId}:ask`;
    expect(run.wakeAt).toBe(T0 + HOUR);

    clock.set(T0 + HOUR);
    const [first] = await engine.wakeDue();
    expect(first).toMatchObject({ status: 'waiting', wakeAt: T0 + 2 * HOUR });
    clock.set(T0 + 2 * HOUR);
    const [second] = await engine.wakeDue();
    expect(second?.wakeAt).toBe(T0 + 4 * HOUR);
    clock.set(T0 + 4 * HOUR);
    const [last] = await engine.wakeDue();

    expect(last?.status).toBe('succeeded');
    expect(approvals.log).toEqual([
      `open ${taskId}`,
      `escalate ${taskId} 1`,
      `escalate ${taskId} 2`,
      `close ${taskId} timeout`,
    ]);
    const r = await inspect(store, run.runId);
    expect(r.path).toEqual(['ask', 'expired']);
    const events = r.attemptsOf('ask')[0]?.events ?? [];
    expect(events.map((e) => [e.type, e.level, e.at - T0])).toEqual([
      ['opened', undefined, 0],
      ['escalated', 1, HOUR],
      ['escalated', 2, 2 * HOUR],
      ['timeout', undefined, 4 * HOUR],
      ['decided', undefined, 4 * HOUR],
    ]);
  });

  it('when onTimeout is approved then the deadline takes the approved port', async () => {
    const clock = createVirtualClock({ start: T0 });
    const { engine, store } = harness({ clock });

    const run = await engine.start(askDoc({ timeout: '30m', onTimeout: 'approved' }), {});
    clock.set(T0 + 30 * 60_000);
    await engine.wakeDue();

    expect((await inspect(store, run.runId)).path).toEqual(['ask', 'contain']);
  });

  it('when a decision names a task that is not open then it is refused', async () => {
    const { engine } = harness({ clock: createVirtualClock({ start: T0 }) });
    const run = await engine.start(askDoc({}), {});

    await expect(
      engine.decide(run.runId, `${run.runId}:nope`, { decision: 'approved', by: 'x' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
