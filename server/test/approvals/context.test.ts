import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine';
import { eventSummary } from '../../src/services/approvals/context';
import { createUser, testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { blockIp } from '../engine/harness';
import { eventually, post, publishedWorkflow, RecordingEffects, runtime, step, workflow } from '../runs/support';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const IP = '203.0.113.7';

describe('approval context', () => {
  it('when a task opens then its context names the workflow and version, the actions it unlocks with target, criticality and owner (a protected entry, then the asset inventory), the blast radius used, the event, the time left and the chain', async () => {
    const clock = createVirtualClock({ start: Date.now() });
    const lead = await createUser(db.prisma, 'reviewer');
    const oncall = await createUser(db.prisma, 'manager');
    // start → pre (block 198.51.100.1) → ask (lead; 30m: on-call, break glass) ─approved→ block ({{ event.ip }})
    //   → tell (POST) → ask2 ─approved→ late (block 192.0.2.99: guarded by ask2, not ask)
    const doc = workflow('pre', {
      pre: blockIp('198.51.100.1', { out: 'ask' }),
      ask: step(
        'approval',
        {
          approvers: { users: [lead.username] },
          timeout: '1h',
          escalation: [{ after: '30m', approvers: { users: [oncall.username] }, breakGlass: true, label: 'on-call' }],
        },
        { approved: 'block' },
      ),
      block: blockIp('{{ event.ip }}', { out: 'tell' }),
      tell: post('https://hooks.example/soc', { out: 'ask2' }),
      ask2: step('approval', { approvers: { users: [lead.username] }, timeout: '1h' }, { approved: 'late' }),
      late: blockIp('192.0.2.99'),
    });
    const wf = await publishedWorkflow(db.prisma, doc);
    await db.prisma.workflow.update({
      where: { id: wf.workflowId },
      data: { name: 'Contain phishing host', maxDestructivePerRun: 3, maxDestructivePerHour: 10 },
    });
    await db.prisma.safetyEntry.create({
      data: {
        list: 'protected',
        kind: 'cidr',
        value: '203.0.113.0/24',
        criticality: 'critical',
        reason: 'payment servers',
        owner: 'payments-team',
        createdById: lead.id,
      },
    });
    const ctx = { ...testContext(db.prisma), clock };
    const rt = runtime(ctx, db.url, new RecordingEffects(), { limits: { inlineWaitMs: 20 } });
    await rt.executor.start();
    try {
      const event = { ip: IP, alert: { rule: 'phish-click', severity: 'high', score: 91 }, tags: ['mail', 'click'] };
      const { runId } = await rt.starter.startLive({ workflowId: wf.workflowId, event, trigger: 'manual' });
      const task = await eventually(() =>
        db.prisma.approvalTask.findFirst({ where: { runId } }).then((t) => t ?? undefined),
      );

      const res = await request(rt.app).get(`/api/approvals/${task.id}`).set('Authorization', lead.auth);
      expect(res.status).toBe(200);
      const c = res.body.context;
      expect(c.workflow).toEqual({ id: wf.workflowId, name: 'Contain phishing host', slug: wf.slug, version: 1 });
      expect(c.actions.map((a: { stepId: string }) => a.stepId)).toEqual(['block', 'tell']);
      expect(c.actions[0]).toMatchObject({
        stepId: 'block',
        effect: 'destructive',
        target: { kind: 'ip', value: IP, template: '{{ event.ip }}' },
        criticality: 'critical',
        owner: 'payments-team',
        source: 'protected',
      });
      expect(c.actions[1]).toMatchObject({ stepId: 'tell', effect: 'write', criticality: null, owner: null });
      expect(c.actions[1].action).toContain('POST');
      expect(c.blastRadius).toEqual({
        killSwitch: false,
        perRun: { used: 1, limit: 3 },
        perHour: { used: 1, limit: 10 },
      });
      // In the stored event's key order (jsonb: shorter keys first).
      expect(c.event).toEqual([
        { path: 'ip', value: IP },
        { path: 'tags[0]', value: 'mail' },
        { path: 'tags[1]', value: 'click' },
        { path: 'alert.rule', value: 'phish-click' },
        { path: 'alert.score', value: 91 },
        { path: 'alert.severity', value: 'high' },
      ]);
      expect(c.timeLeftMs).toBe(3_600_000);
      expect(c.nextInMs).toBe(1_800_000);
      expect(c.escalation).toMatchObject([
        { level: 0, users: [lead.username], breakGlass: false, reached: true },
        { level: 1, users: [oncall.username], breakGlass: true, label: 'on-call', reached: false },
      ]);

      // Once the inventory knows the host, its asset speaks for criticality and owner.
      await db.prisma.asset.create({
        data: { kind: 'ip', value: IP, criticality: 'high', owner: 'web-team', tags: [], createdById: lead.id },
      });
      const withAsset = await request(rt.app).get(`/api/approvals/${task.id}`).set('Authorization', lead.auth);
      expect(withAsset.body.context.actions[0]).toMatchObject({
        criticality: 'high',
        owner: 'web-team',
        source: 'asset',
      });

      // The inbox lists the task with the same context; time passes on the clock.
      clock.advance(600_000);
      const inbox = await request(rt.app).get('/api/approvals').set('Authorization', lead.auth);
      const listed = inbox.body.tasks.find((t: { id: string }) => t.id === task.id);
      expect(listed.context.timeLeftMs).toBe(3_000_000);
      expect(listed.context.actions).toHaveLength(2);
    } finally {
      await rt.executor.stop();
    }
  });

  it('when the event is large then the summary keeps the first scalar fields and clips long text', () => {
    const event = { a: 'x'.repeat(300), b: { c: null, d: true }, e: Array.from({ length: 20 }, (_, i) => i) };
    const summary = eventSummary(event, 5);
    expect(summary).toEqual([
      { path: 'a', value: `${'x'.repeat(200)}…` },
      { path: 'b.c', value: null },
      { path: 'b.d', value: true },
      { path: 'e[0]', value: 0 },
      { path: 'e[1]', value: 1 },
    ]);
  });
});
