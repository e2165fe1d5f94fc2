import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedExamplePlaybooks } from '../../src/seed/playbooks';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testContext } from '../support/app';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('example playbook seed', () => {
  it('when the database is empty then the examples are imported, reviewed, approved and published, once', async () => {
    const ctx = testContext(db.prisma);
    const analyst = await createUser(db.prisma, 'analyst');
    const reviewer = await createUser(db.prisma, 'reviewer');
    const admin = await createUser(db.prisma, 'admin');
    const opts = { authorId: analyst.id, reviewerIds: [reviewer.id, admin.id], publish: true };

    const seeded = await seedExamplePlaybooks(ctx, opts);

    expect(seeded).toEqual([
      { slug: 'endpoint-alert-enrichment', status: 'published' },
      { slug: 'malicious-ip-containment', status: 'published' },
      { slug: 'phishing-triage', status: 'published' },
    ]);
    const workflows = await db.prisma.workflow.findMany({ include: { publishedVersion: true } });
    expect(workflows.every((w) => w.ownerId === analyst.id && w.publishedVersion?.number === 1)).toBe(true);
    const published = await db.prisma.auditEvent.findMany({ where: { action: 'version.published' } });
    expect(published.map((a) => a.actor)).toEqual(Array(3).fill(`token:seed:${reviewer.username}`));
    // High risk (a destructive block): two approvals and the sample simulations, stored as runs.
    const containment = workflows.find((w) => w.slug === 'malicious-ip-containment');
    expect(await db.prisma.run.count({ where: { workflowId: containment?.id, mode: 'simulation' } })).toBe(3);

    expect(await seedExamplePlaybooks(ctx, opts)).toEqual([]);
    expect(await db.prisma.workflow.count()).toBe(3);
  });
});
