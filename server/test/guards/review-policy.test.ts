/**
 * The review policy's own checks (issue 10 §6), tested directly: the API refuses an
 * author's approval before it reaches the policy, so the policy's second self-approval
 * check and its content-hash filter are unreachable through the routes, and a break in
 * either passed every API test.
 */
import { describe, expect, it } from 'vitest';
import { approversOf, policyStatus, reviewSummary, sampleStatuses } from '../../src/services/workflows/review-policy';
import type { Db } from '../../src/store/db';
import type { VersionRecord } from '../../src/store/versions';
import type { DecisionRow, ReviewRow } from '../../src/store/versions-reviews';
import { transform, workflow } from '../engine/harness';

const HASH = 'sha256:current';
const OLD_HASH = 'sha256:before-the-last-save';
const AUTHOR = 'author-id';
const AT = new Date('2025-01-01T00:00:00Z');

let seq = 0;
function vote(reviewerId: string, decision: 'approve' | 'request_changes', contentHash = HASH): DecisionRow {
  seq++;
  return {
    id: `d${seq}`,
    reviewerId,
    reviewer: { username: reviewerId, displayName: reviewerId },
    decision,
    comment: null,
    nodeId: null,
    contentHash,
    createdAt: new Date(AT.getTime() + seq),
  };
}

function review(decisions: DecisionRow[], requiredApprovals = 1): ReviewRow {
  return {
    id: 'review-1',
    versionId: 'version-1',
    requestedById: AUTHOR,
    requestedReviewerIds: ['bob', 'carol'],
    requiredApprovals,
    status: 'open',
    createdAt: AT,
    closedAt: null,
    decisions,
  };
}

const sample = (name: string) => ({ name, event: { ip: '203.0.113.9' }, fixtures: {} });

function version(samples: string[] = []): VersionRecord {
  const doc = { ...workflow('t', { t: transform('1') }), samples: samples.map(sample) };
  return {
    id: 'version-1',
    workflowId: 'workflow-1',
    number: 2,
    contentHash: HASH,
    status: 'in_review',
    changeNote: '',
    createdAt: AT,
    author: { id: AUTHOR, username: 'alice', displayName: 'Alice' },
    document: JSON.parse(JSON.stringify(doc)),
  };
}

/** The one query policyStatus makes (the latest sample checks), answered from a list. */
function dbWithChecks(checks: { sample: string; passed: boolean }[] = []): Db {
  const rows = checks.map((c, i) => ({
    runId: `sim-${i}`,
    at: AT,
    check: { sample: c.sample, passed: c.passed, failures: c.passed ? [] : ['status: failed'] },
  }));
  return { $queryRaw: async () => rows } as unknown as Db;
}

describe('guards, review policy: who counts as an approver', () => {
  it("when the author's own approval is among the decisions then it never counts, even if every route let it through", () => {
    const r = review([vote(AUTHOR, 'approve'), vote('bob', 'approve')]);

    expect(approversOf(r, HASH, AUTHOR)).toEqual(['bob']);
  });

  it('when a reviewer approved an earlier content hash then that approval does not count for the current one', () => {
    const r = review([vote('bob', 'approve', OLD_HASH), vote('carol', 'approve')]);

    expect(approversOf(r, HASH)).toEqual(['carol']);
    expect(approversOf(r, OLD_HASH)).toEqual(['bob']);
    expect(reviewSummary(r, HASH).approvedBy).toEqual(['carol']);
  });

  it("when a reviewer's latest decision requests changes then their earlier approval no longer counts, and a later approval does", () => {
    expect(approversOf(review([vote('bob', 'approve'), vote('bob', 'request_changes')]), HASH)).toEqual([]);
    expect(approversOf(review([vote('bob', 'request_changes'), vote('bob', 'approve')]), HASH)).toEqual(['bob']);
  });

  it('when one reviewer approves twice then they count once', () => {
    expect(approversOf(review([vote('bob', 'approve'), vote('bob', 'approve')]), HASH)).toEqual(['bob']);
  });
});

describe('guards, review policy: when a review is satisfied', () => {
  it("when the only approval of a one-approval review is the author's own then the policy is not satisfied", async () => {
    const status = await policyStatus(dbWithChecks(), review([vote(AUTHOR, 'approve')]), version());

    expect(status).toMatchObject({
      approvedBy: [],
      satisfied: false,
      missing: ['1 more approval(s) of this content'],
    });
  });

  it('when the only approval is of an earlier content hash then the policy is not satisfied', async () => {
    const status = await policyStatus(dbWithChecks(), review([vote('bob', 'approve', OLD_HASH)]), version());

    expect(status).toMatchObject({ approvedBy: [], satisfied: false });
  });

  it('when one reviewer approves the current hash then a one-approval review is satisfied', async () => {
    const status = await policyStatus(dbWithChecks(), review([vote('bob', 'approve')]), version());

    expect(status).toEqual({
      requiredApprovals: 1,
      approvedBy: ['bob'],
      samplesRequired: false,
      samples: [],
      missing: [],
      satisfied: true,
    });
  });

  it("when a high-risk review has the author's and one reviewer's approval then it still misses one approval", async () => {
    const r = review([vote(AUTHOR, 'approve'), vote('bob', 'approve')], 2);
    const status = await policyStatus(dbWithChecks([{ sample: 'scan', passed: true }]), r, version(['scan']));

    expect(status).toMatchObject({
      approvedBy: ['bob'],
      samplesRequired: true,
      missing: ['1 more approval(s) of this content'],
      satisfied: false,
    });
  });

  it('when a high-risk review has two approvals but a sample failed or never ran then it is not satisfied', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const checks = [{ sample: 'scan', passed: false }];
    const status = await policyStatus(dbWithChecks(checks), r, version(['scan', 'phish']));

    expect(status.missing).toEqual(['a passing simulation of sample "scan"', 'a passing simulation of sample "phish"']);
    expect(status.samples.map((s) => [s.name, s.status])).toEqual([
      ['scan', 'failed'],
      ['phish', 'not_run'],
    ]);
    expect(status.satisfied).toBe(false);
  });

  it('when a high-risk version has no sample event then it is not satisfied, whatever the approvals', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const status = await policyStatus(dbWithChecks(), r, version());

    expect(status.missing).toEqual(['a sample event to simulate']);
    expect(status.satisfied).toBe(false);
  });

  it('when a high-risk review has two approvals of this hash and every sample passed then it is satisfied', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const status = await policyStatus(dbWithChecks([{ sample: 'scan', passed: true }]), r, version(['scan']));

    expect(status).toMatchObject({ approvedBy: ['bob', 'carol'], missing: [], satisfied: true });
    expect(status.samples).toEqual([{ name: 'scan', status: 'passed', runId: 'sim-0', at: AT, failures: [] }]);
  });

  it('when the stored document does not parse (an old draft) then a high-risk review lacks its samples, and nothing throws', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const status = await policyStatus(dbWithChecks(), r, { ...version(), document: { not: 'a workflow' } });

    expect(status.samples).toEqual([]);
    expect(status.missing).toEqual(['a sample event to simulate']);
  });

  it('when a sample name repeats then it is listed once', () => {
    expect(sampleStatuses(['scan', 'scan'], new Map())).toEqual([{ name: 'scan', status: 'not_run' }]);
  });
});
