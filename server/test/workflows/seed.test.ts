import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, seedCredentialsService, seedDemoCredentials } from '../../src/seed/credentials';
import { seedDemoData } from '../../src/seed';
import { seedExamplePlaybooks } from '../../src/seed/playbooks';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { createUser, testContext } from '../support/app';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('demo seed: credentials, then the example playbooks', () => {
  it('when the credentials table is empty then one test-mode demo credential per connector is created once, sealed and audited', async () => {
    const ctx = testContext(db.prisma);
    const admin = await createUser(db.prisma, 'admin');

    const created = await seedDemoCredentials(ctx, { adminId: admin.id });
    const again = await seedDemoCredentials(ctx, { adminId: admin.id });

    expect(created).toEqual(DEMO_CREDENTIALS.map((c) => c.name));
    expect(again).toEqual([]);
    const rows = await db.prisma.connectorCredential.findMany({ orderBy: { name: 'asc' } });
    expect(rows.map((r) => [r.name, r.connectorId, r.mode])).toEqual(
      [...DEMO_CREDENTIALS].sort((a, b) => a.name.localeCompare(b.name)).map((c) => [c.name, c.connectorId, 'test']),
    );
    // Sealed: the stored bytes are not the value, and the service opens them to it.
    const fortigate = DEMO_CREDENTIALS.find((c) => c.name === 'fortigate-demo');
    const row = rows.find((r) => r.name === 'fortigate-demo');
    expect(Buffer.from(row?.ciphertext ?? []).toString('utf8')).not.toContain(fortigate?.value);
    expect(row?.settings).toEqual({ host: 'fw-mgmt.corp.example', port: '443' });
    expect(await seedCredentialsService(ctx).reveal('fortigate-demo')).toMatchObject({ value: fortigate?.value });
    const audited = await db.prisma.auditEvent.findMany({ where: { action: 'credential.created' } });
    expect(audited.map((a) => a.actor)).toEqual(Array(created.length).fill(`token:seed:${admin.username}`));
  });

  it('when the database has no workflows then the examples are imported, reviewed, approved and published, once', async () => {
    const ctx = testContext(db.prisma);
    const analyst = await createUser(db.prisma, 'analyst');
    const reviewer = await createUser(db.prisma, 'reviewer');
    const admin = await createUser(db.prisma, 'admin');
    const opts = { authorId: analyst.id, reviewerIds: [reviewer.id, admin.id], publish: true };

    const seeded = await seedExamplePlaybooks(ctx, opts);

    expect(seeded).toEqual([
      { slug: 'compromised-account-containment', status: 'published' },
      { slug: 'endpoint-alert-enrichment', status: 'published' },
      { slug: 'malicious-ip-containment', status: 'published' },
      { slug: 'phishing-triage', status: 'published' },
    ]);
    const workflows = await db.prisma.workflow.findMany({ include: { publishedVersion: true } });
    expect(workflows.every((w) => w.ownerId === analyst.id && w.publishedVersion?.number === 1)).toBe(true);
    const published = await db.prisma.auditEvent.findMany({ where: { action: 'version.published' } });
    expect(published.map((a) => a.actor)).toEqual(Array(4).fill(`token:seed:${reviewer.username}`));
    // High risk (a destructive block): two approvals and a passed run of its test cases, each stored as a run.
    const containment = workflows.find((w) => w.slug === 'malicious-ip-containment');
    const tests = await db.prisma.versionTestRun.findUniqueOrThrow({
      where: { versionId: containment?.publishedVersion?.id ?? '' },
    });
    expect(tests.status).toBe('passed');
    const cases = tests.cases as Array<{ runId: string }>;
    expect(cases.length).toBeGreaterThan(0);
    const runs = await db.prisma.run.findMany({ where: { workflowId: containment?.id, mode: 'simulation' } });
    expect(runs.map((r) => r.id).sort()).toEqual(cases.map((c) => c.runId).sort());
    // An example's settings.json: the account playbook clears sessions in a for-each, so it gets its blast-radius limit.
    expect(Object.fromEntries(workflows.map((w) => [w.slug, w.maxDestructivePerRun]))).toEqual({
      'compromised-account-containment': 6,
      'endpoint-alert-enrichment': null,
      'malicious-ip-containment': null,
      'phishing-triage': null,
    });
    const limited = await db.prisma.auditEvent.findMany({ where: { action: 'workflow.settings_changed' } });
    expect(limited.map((a) => [a.actor, a.details])).toEqual([
      [
        `token:seed:${analyst.username}`,
        { before: { maxDestructivePerRun: null }, after: { maxDestructivePerRun: 6 } },
      ],
    ]);

    expect(await seedExamplePlaybooks(ctx, opts)).toEqual([]);
    expect(await db.prisma.workflow.count()).toBe(4);
  });
});

describe('example playbook seed without the demo credentials', () => {
  let bare: TestDatabase;
  beforeAll(async () => {
    bare = await createTestDatabase();
  });
  afterAll(() => bare.drop());

  it('when no credential exists then the examples are imported but left unpublished, each saying which credential is missing', async () => {
    const ctx = testContext(bare.prisma);
    const analyst = await createUser(bare.prisma, 'analyst');
    const reviewer = await createUser(bare.prisma, 'reviewer');
    const admin = await createUser(bare.prisma, 'admin');

    const seeded = await seedExamplePlaybooks(ctx, {
      authorId: analyst.id,
      reviewerIds: [reviewer.id, admin.id],
      publish: true,
    });

    expect(seeded.map((s) => [s.slug, s.status])).toEqual([
      ['compromised-account-containment', 'draft'],
      ['endpoint-alert-enrichment', 'draft'],
      ['malicious-ip-containment', 'draft'],
      ['phishing-triage', 'draft'],
    ]);
    expect(await bare.prisma.workflow.count({ where: { publishedVersionId: { not: null } } })).toBe(0);
    expect(seeded.find((s) => s.slug === 'phishing-triage')?.note).toContain(
      'there is no credential “virustotal-demo”',
    );
    expect(seeded.find((s) => s.slug === 'malicious-ip-containment')?.note).toContain(
      'there is no credential “fortigate-demo”',
    );
  });
});

describe('first start (seedDemoData)', () => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase();
  });
  afterAll(() => fresh.drop());

  it('when the database is empty then the admin seeds the demo credentials before the playbooks, and all four are published', async () => {
    const ctx = testContext(fresh.prisma);

    await seedDemoData(ctx);

    const published = await fresh.prisma.workflow.findMany({
      where: { publishedVersionId: { not: null } },
      orderBy: { slug: 'asc' },
    });
    expect(published.map((w) => w.slug)).toEqual([
      'compromised-account-containment',
      'endpoint-alert-enrichment',
      'malicious-ip-containment',
      'phishing-triage',
    ]);
    const audit = await fresh.prisma.auditEvent.findMany({
      where: { action: { in: ['credential.created', 'workflow.created'] } },
    });
    const credentials = audit.filter((a) => a.action === 'credential.created');
    const workflows = audit.filter((a) => a.action === 'workflow.created');
    expect(credentials.map((a) => a.targetId).sort()).toEqual(DEMO_CREDENTIALS.map((c) => c.name).sort());
    expect(new Set(credentials.map((a) => a.actor))).toEqual(new Set(['token:seed:admin']));
    const lastCredential = Math.max(...credentials.map((a) => a.createdAt.getTime()));
    expect(workflows.every((a) => a.createdAt.getTime() >= lastCredential)).toBe(true);
  }, 60_000);
});
