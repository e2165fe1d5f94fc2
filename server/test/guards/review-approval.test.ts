/**
 * `approveIfReady`, the one place a version becomes approved (issue 10 §6): called after
 * every approval and every finished test run, it approves only a version in review whose
 * open review satisfies the policy, and audits exactly that. Tested directly on the test
 * database, with reviews and decisions written as rows, so that the author's own vote and
 * an approval of earlier content reach it although the routes refuse them first.
 */
import { randomUUID } from 'node:crypto';
import { contentHash } from '@autonomic/workflow';
import type { Actor } from '@autonomic/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveIfReady } from '../../src/services/workflows/review-policy';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { transform, workflow } from '../engine/harness';
import { createUser } from '../support/app';

let db: TestDatabase;
let author: Awaited<ReturnType<typeof createUser>>;
let bob: Awaited<ReturnType<typeof createUser>>;
let carol: Awaited<ReturnType<typeof createUser>>;
const AT = new Date('2025-02-01T10:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  author = await createUser(db.prisma, 'analyst');
  bob = await createUser(db.prisma, 'reviewer');
  carol = await createUser(db.prisma, 'reviewer');
});
afterAll(() => db.drop());

const actorOf = (u: typeof bob): Actor => ({ userId: u.id, username: u.username, role: u.role, via: 'session' });

type Vote = [reviewer: typeof bob, decision: 'approve' | 'request_changes', hash?: 'old'];

/** A workflow with a version in review (or `status`), its open review and the given votes. */
async function inReview(opts: {
  votes: Vote[];
  requiredApprovals?: number;
  cases?: string[];
  status?: 'in_review' | 'draft' | 'approved';
  reviewStatus?: 'open' | 'changes_requested';
}) {
  const doc = {
    ...workflow('t', { t: transform(`"${Math.random()}"`) }),
    tests: (opts.cases ?? []).map((name) => ({
      name,
      event: {},
      fixtures: {},
      approvals: {},
      expect: { status: 'succeeded' as const },
    })),
  };
  const hash = contentHash(doc);
  const wf = await db.prisma.workflow.create({
    data: { slug: `wf-${Math.random().toString(36).slice(2)}`, name: 'playbook', ownerId: author.id },
  });
  const version = await db.prisma.workflowVersion.create({
    data: {
      workflowId: wf.id,
      number: 1,
      document: JSON.parse(JSON.stringify(doc)),
      contentHash: hash,
      authorId: author.id,
      status: opts.status ?? 'in_review',
    },
  });
  const review = await db.prisma.review.create({
    data: {
      versionId: version.id,
      requestedById: author.id,
      requestedReviewerIds: [bob.id, carol.id],
      requiredApprovals: opts.requiredApprovals ?? 1,
      status: opts.reviewStatus ?? 'open',
    },
  });
  for (const [who, decision, old] of opts.votes) {
    await db.prisma.reviewDecision.create({
      data: { reviewId: review.id, reviewerId: who.id, decision, contentHash: old ? `${hash}-old` : hash },
    });
  }
  return { workflowId: wf.id, versionId: version.id, reviewId: review.id, hash };
}

/** The version's finished test run, as the test runner stores it: one case, passed or failed. */
async function testRun(v: { versionId: string; hash: string }, name: string, passed: boolean) {
  const runId = randomUUID();
  const result = { name, passed, assertions: [], warnings: [], runId, path: ['t'], effects: [], durationMs: 0 };
  await db.prisma.versionTestRun.create({
    data: {
      versionId: v.versionId,
      contentHash: v.hash,
      status: passed ? 'passed' : 'failed',
      cases: [passed ? result : { ...result, firstFailure: 'status is succeeded: got failed' }],
      coverage: { edges: [], covered: 0, total: 0, percent: 100, destructive: [], errorPorts: [] },
      requestedAt: AT,
      startedAt: AT,
      finishedAt: AT,
    },
  });
  return runId;
}

async function after(v: { versionId: string; reviewId: string }) {
  const version = await db.prisma.workflowVersion.findUniqueOrThrow({ where: { id: v.versionId } });
  const review = await db.prisma.review.findUniqueOrThrow({ where: { id: v.reviewId } });
  const audits = await db.prisma.auditEvent.findMany({ where: { targetId: v.versionId } });
  return { version: version.status, review: review.status, closedAt: review.closedAt, audits };
}

const unchanged = (status = 'in_review', review = 'open') => ({ version: status, review, closedAt: null, audits: [] });

describe('guards, review policy: approveIfReady', () => {
  it('when a reviewer approved the current content of a one-approval review then the version is approved, the review closed and the approval audited', async () => {
    const v = await inReview({ votes: [[bob, 'approve']] });

    const approved = await approveIfReady(db.prisma, actorOf(bob), v.versionId, { cause: 'approval', at: AT });

    expect(approved).toBe(true);
    const a = await after(v);
    expect(a).toMatchObject({ version: 'approved', review: 'approved', closedAt: AT });
    expect(a.audits).toHaveLength(1);
    expect(a.audits[0]).toMatchObject({
      actor: `user:${bob.id}:${bob.username}`,
      action: 'version.approved',
      targetType: 'workflow_version',
      targetId: v.versionId,
      afterHash: v.hash,
      details: {
        workflowId: v.workflowId,
        number: 1,
        reviewId: v.reviewId,
        approvedBy: [bob.id],
        testsRequired: false,
        tests: { status: 'not_run', contentHash: v.hash, cases: [] },
        destructive: [],
        cause: 'approval',
      },
    });
  });

  it("when the only approval is the author's own then nothing is approved and nothing audited", async () => {
    const v = await inReview({ votes: [[author, 'approve']] });

    expect(await approveIfReady(db.prisma, actorOf(author), v.versionId, { cause: 'approval', at: AT })).toBe(false);
    expect(await after(v)).toEqual(unchanged());
  });

  it('when the only approval is of earlier content then nothing is approved', async () => {
    const v = await inReview({ votes: [[bob, 'approve', 'old']] });

    expect(await approveIfReady(db.prisma, actorOf(bob), v.versionId, { cause: 'approval', at: AT })).toBe(false);
    expect(await after(v)).toEqual(unchanged());
  });

  it('when the review is no longer open then nothing is approved, even with an approval', async () => {
    const v = await inReview({ votes: [[bob, 'approve']], reviewStatus: 'changes_requested' });

    expect(await approveIfReady(db.prisma, actorOf(bob), v.versionId, { cause: 'approval', at: AT })).toBe(false);
    expect(await after(v)).toEqual(unchanged('in_review', 'changes_requested'));
  });

  it.each(['draft', 'approved'] as const)(
    'when the version is %s (not in review) then nothing is approved and the review stays open',
    async (status) => {
      const v = await inReview({ votes: [[bob, 'approve']], status });

      expect(await approveIfReady(db.prisma, actorOf(bob), v.versionId, { cause: 'approval', at: AT })).toBe(false);
      expect(await after(v)).toEqual(unchanged(status));
    },
  );

  it('when a high-risk review has two approvals and its test run passed then the finished run approves it', async () => {
    const v = await inReview({
      votes: [
        [bob, 'approve'],
        [carol, 'approve'],
      ],
      requiredApprovals: 2,
      cases: ['scan'],
    });
    const runId = await testRun(v, 'scan', true);

    const approved = await approveIfReady(db.prisma, 'system:test-runner', v.versionId, { cause: 'test_run', at: AT });

    expect(approved).toBe(true);
    const a = await after(v);
    expect(a.version).toBe('approved');
    expect(a.audits[0]).toMatchObject({ actor: 'system:test-runner' });
    expect(a.audits[0]?.details).toMatchObject({
      approvedBy: [bob.id, carol.id],
      testsRequired: true,
      tests: { status: 'passed', contentHash: v.hash, cases: [{ name: 'scan', runId }] },
      cause: 'test_run',
    });
  });

  it('when a high-risk review has two approvals but its test run failed then nothing is approved', async () => {
    const v = await inReview({
      votes: [
        [bob, 'approve'],
        [carol, 'approve'],
      ],
      requiredApprovals: 2,
      cases: ['scan'],
    });
    await testRun(v, 'scan', false);

    expect(await approveIfReady(db.prisma, actorOf(carol), v.versionId, { cause: 'approval', at: AT })).toBe(false);
    expect(await after(v)).toEqual(unchanged());
  });

  it('when a high-risk review has two approvals but its cases never ran then nothing is approved', async () => {
    const v = await inReview({
      votes: [
        [bob, 'approve'],
        [carol, 'approve'],
      ],
      requiredApprovals: 2,
      cases: ['scan'],
    });

    expect(await approveIfReady(db.prisma, actorOf(carol), v.versionId, { cause: 'approval', at: AT })).toBe(false);
    expect(await after(v)).toEqual(unchanged());
  });

  it('when the version has no review at all then nothing happens', async () => {
    const v = await inReview({ votes: [] });
    await db.prisma.review.delete({ where: { id: v.reviewId } });

    expect(await approveIfReady(db.prisma, actorOf(bob), v.versionId, { cause: 'approval', at: AT })).toBe(false);
    const version = await db.prisma.workflowVersion.findUniqueOrThrow({ where: { id: v.versionId } });
    expect(version.status).toBe('in_review');
  });
});
