import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine';
import { createSafetySource } from '../../src/services/safety/source';
import { createUser, testContext } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { blockIp } from '../engine/harness';
import { eventually, publishedWorkflow, RecordingEffects, runtime, step, workflow } from '../runs/support';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('approvers: the owner of the target asset, live', () => {
  it('when the guarded target is an asset owned by a user then the task names that user, who may decide; owned by a team, the team is recorded and the first escalation level is asked at once', async () => {
    const clock = createVirtualClock({ start: Date.now() });
    const bob = await createUser(db.prisma, 'analyst', `bob-${Date.now().toString(36)}`);
    const oncall = await createUser(db.prisma, 'manager');
    const admin = await createUser(db.prisma, 'admin');
    await db.prisma.asset.createMany({
      data: [
        { kind: 'ip', value: '10.20.0.5', criticality: 'high', owner: bob.username, tags: [], createdById: admin.id },
        {
          kind: 'cidr',
          value: '10.30.0.0/16',
          criticality: 'medium',
          owner: 'web-team',
          tags: [],
          createdById: admin.id,
        },
      ],
    });
    // start → ask (the target's owner; 30m: on-call, break glass) ─approved→ block ({{ event.ip }})
    const doc = workflow('ask', {
      ask: step(
        'approval',
        {
          approvers: { targetOwner: true },
          timeout: '1h',
          escalation: [{ after: '30m', approvers: { users: [oncall.username] }, breakGlass: true, label: 'on-call' }],
        },
        { approved: 'block' },
      ),
      block: blockIp('{{ event.ip }}'),
    });
    const wf = await publishedWorkflow(db.prisma, doc);
    const ctx = { ...testContext(db.prisma), clock };
    // The safety source the server runs: the lists and the asset inventory, read from the database.
    const rt = runtime(ctx, db.url, new RecordingEffects(), {
      limits: { inlineWaitMs: 20 },
      safety: createSafetySource(ctx),
    });
    await rt.executor.start();
    try {
      const taskOf = async (ip: string) => {
        const { runId } = await rt.starter.startLive({ workflowId: wf.workflowId, event: { ip }, trigger: 'manual' });
        return eventually(() => db.prisma.approvalTask.findFirst({ where: { runId } }).then((t) => t ?? undefined));
      };

      const owned = await taskOf('10.20.0.5');
      const res = await request(rt.app).get(`/api/approvals/${owned.id}`).set('Authorization', bob.auth);
      expect(res.status).toBe(200);
      expect(res.body.targetOwner).toEqual({ users: [bob.username], teams: [], fallback: null });
      expect(res.body.levels[0]).toMatchObject({ level: 0, users: [bob.username], roles: [], reached: true });
      expect(res.body.escalationLevel).toBe(0);
      expect(res.body.you).toEqual({ canDecide: true, level: 0, breakGlass: false });
      expect(res.body.context.actions[0]).toMatchObject({ stepId: 'block', owner: bob.username });

      const team = await taskOf('10.30.1.2');
      const escalated = await eventually(() =>
        db.prisma.approvalTask
          .findUnique({ where: { id: team.id } })
          .then((t) => (t && t.escalationLevel === 1 ? t : undefined)),
      );
      const seen = await request(rt.app).get(`/api/approvals/${escalated.id}`).set('Authorization', oncall.auth);
      expect(seen.body.targetOwner).toEqual({ users: [], teams: ['web-team'], fallback: 'escalation' });
      expect(seen.body.levels[0]).toMatchObject({ users: [], roles: [] });
      expect(seen.body.you).toEqual({ canDecide: true, level: 1, breakGlass: true });
      const notBob = await request(rt.app).get(`/api/approvals/${escalated.id}`).set('Authorization', bob.auth);
      expect(notBob.body.you).toMatchObject({ canDecide: false });
    } finally {
      await rt.executor.stop();
    }
  });
});
