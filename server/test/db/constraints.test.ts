import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRun, seedUser, seedWorkflowWithVersion } from './fixtures';
import { expectOwnDatabase } from './isolation';
import { createTestDatabase, type TestDatabase } from './test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** Prisma's unique-violation error, P2002. */
const uniqueViolation = expect.objectContaining({ code: 'P2002' });

describe('unique constraints', () => {
  it('when a workflow saves the same content twice then the second version is refused', async () => {
    const { workflow, version, owner } = await seedWorkflowWithVersion(db.prisma);

    const again = db.prisma.workflowVersion.create({
      data: { workflowId: workflow.id, number: 2, document: {}, contentHash: version.contentHash, authorId: owner.id },
    });

    await expect(again).rejects.toEqual(uniqueViolation);
  });

  it('when two workflows hold the same content then both versions are kept', async () => {
    const a = await seedWorkflowWithVersion(db.prisma);
    const b = await seedWorkflowWithVersion(db.prisma);

    expect(b.version.contentHash).toBe(a.version.contentHash);
    expect(b.version.id).not.toBe(a.version.id);
  });

  it('when a version number repeats within a workflow then it is refused', async () => {
    const { workflow, owner } = await seedWorkflowWithVersion(db.prisma);

    const again = db.prisma.workflowVersion.create({
      data: { workflowId: workflow.id, number: 1, document: {}, contentHash: 'sha256:other', authorId: owner.id },
    });

    await expect(again).rejects.toEqual(uniqueViolation);
  });

  it('when a step attempt is persisted twice then the second is refused, and the next attempt is accepted', async () => {
    const { run } = await seedRun(db.prisma);
    const step = { runId: run.id, stepKey: 'isolate#0', stepId: 'isolate', nodeType: 'edr.isolate_host' };
    await db.prisma.stepRun.create({ data: { ...step, attempt: 1, status: 'failed', effectClass: 'destructive' } });

    const duplicate = db.prisma.stepRun.create({
      data: { ...step, attempt: 1, status: 'succeeded', effectClass: 'destructive' },
    });
    await expect(duplicate).rejects.toEqual(uniqueViolation);

    const retry = await db.prisma.stepRun.create({
      data: { ...step, attempt: 2, status: 'succeeded', effectClass: 'destructive' },
    });
    expect(retry.attempt).toBe(2);
  });

  it('when two processes record the same schedule tick then only one succeeds', async () => {
    const { workflow } = await seedWorkflowWithVersion(db.prisma);
    const tickAt = new Date('2026-11-28T09:00:00.000Z');

    const results = await Promise.allSettled([
      db.prisma.scheduleTick.create({ data: { workflowId: workflow.id, tickAt } }),
      db.prisma.scheduleTick.create({ data: { workflowId: workflow.id, tickAt } }),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const next = await db.prisma.scheduleTick.create({
      data: { workflowId: workflow.id, tickAt: new Date(+tickAt + 60_000) },
    });
    expect(next.tickAt.toISOString()).toBe('2026-11-28T09:01:00.000Z');
  });

  it('when a trigger delivers the same dedupe key twice then only one run exists', async () => {
    const { run } = await seedRun(db.prisma);
    await db.prisma.run.update({ where: { id: run.id }, data: { dedupeKey: 'webhook:delivery-42' } });

    const again = db.prisma.run.create({
      data: {
        workflowId: run.workflowId,
        versionId: run.versionId,
        mode: 'live',
        triggerType: 'webhook',
        input: {},
        dedupeKey: 'webhook:delivery-42',
      },
    });

    await expect(again).rejects.toEqual(uniqueViolation);
  });
});

describe('rules kept by database triggers', () => {
  it('when a stored version document is changed then the update is refused, but a status change passes', async () => {
    const { version } = await seedWorkflowWithVersion(db.prisma);

    const edit = db.prisma.workflowVersion.update({ where: { id: version.id }, data: { document: { steps: ['x'] } } });
    await expect(edit).rejects.toThrow(/is immutable/);

    const reviewed = await db.prisma.workflowVersion.update({
      where: { id: version.id },
      data: { status: 'in_review' },
    });
    expect(reviewed.status).toBe('in_review');
  });

  it("when a workflow publishes another workflow's version then it is refused", async () => {
    const a = await seedWorkflowWithVersion(db.prisma);
    const b = await seedWorkflowWithVersion(db.prisma);

    const crossPublish = db.prisma.workflow.update({
      where: { id: a.workflow.id },
      data: { publishedVersionId: b.version.id },
    });
    // The trigger raises foreign_key_violation, which Prisma reports as P2003.
    await expect(crossPublish).rejects.toEqual(expect.objectContaining({ code: 'P2003' }));

    const own = await db.prisma.workflow.update({
      where: { id: a.workflow.id },
      data: { publishedVersionId: a.version.id },
    });
    expect(own.publishedVersionId).toBe(a.version.id);
  });

  it('when an audit event is rewritten then the update is refused', async () => {
    const actor = await seedUser(db.prisma);
    const event = await db.prisma.auditEvent.create({
      data: { actor: `user:${actor.id}`, action: 'workflow.publish', targetType: 'workflow', targetId: 'w1' },
    });

    const rewrite = db.prisma.auditEvent.update({ where: { id: event.id }, data: { action: 'nothing.happened' } });

    await expect(rewrite).rejects.toThrow(/append-only/);
  });
});

describe('ids and types', () => {
  it('when rows are created then ids are time-ordered UUIDv7 and JSON round-trips', async () => {
    const first = await seedUser(db.prisma);
    const second = await seedUser(db.prisma);
    const { run } = await seedRun(db.prisma);
    const state = { cursor: ['a', 'b'], counters: { destructive: 1 }, at: '2026-11-28T09:00:00.000Z' };

    const updated = await db.prisma.run.update({
      where: { id: run.id },
      data: { state, stateVersion: { increment: 1 } },
    });

    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millis = (id: string): number => parseInt(id.replace('-', '').slice(0, 12), 16);
    expect(millis(first.id)).toBeLessThanOrEqual(millis(second.id));
    expect(Math.abs(millis(first.id) - Date.now())).toBeLessThan(60_000);
    expect(updated.state).toEqual(state);
    expect(updated.stateVersion).toBe(1);
  });
});

describe('test databases', () => {
  it('when two test files each create a database then neither sees the other', async () => {
    await expectOwnDatabase(db, 'constraints.test.ts');
  });
});
