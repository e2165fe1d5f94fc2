/**
 * The review policy's own checks (issue 10 §6), tested directly: the API refuses an
 * author's approval before it reaches the policy, so the policy's second self-approval
 * check and its content-hash filter are unreachable through the routes, and a break in
 * either passed every API test.
 */
import { describe, expect, it } from 'vitest';
import { approversOf, policyStatus, reviewSummary } from '../../src/services/workflows/review-policy';
import type { Db } from '../../src/store/db';
import type { VersionRecord } from '../../src/store/versions';
import type { DecisionRow, ReviewRow } from '../../src/store/versions-reviews';
import { blockIp, transform, workflow } from '../engine/harness';

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
    baseVersionId: 'version-0',
    status: 'open',
    createdAt: AT,
    closedAt: null,
    decisions,
  };
}

const aCase = (name: string) => ({ name, event: { ip: '203.0.113.9' }, expect: { status: 'succeeded' } });

/** start → t (transform); with `block`, t → block (block_ip, destructive). */
function doc(cases: string[], opts: { block?: string } = {}) {
  const steps = opts.block
    ? { t: transform('1', { out: 'block' }), block: blockIp(opts.block) }
    : { t: transform('1') };
  return { ...workflow('t', steps), tests: cases.map(aCase) };
}

function version(cases: string[] = [], opts: { block?: string } = {}): VersionRecord {
  return {
    id: 'version-1',
    workflowId: 'workflow-1',
    number: 2,
    contentHash: HASH,
    status: 'in_review',
    changeNote: '',
    createdAt: AT,
    author: { id: AUTHOR, username: 'alice', displayName: 'Alice' },
    document: JSON.parse(JSON.stringify(doc(cases, opts))),
  };
}

interface StoredRun {
  status: 'queued' | 'running' | 'passed' | 'failed' | 'error';
  cases?: { name: string; passed: boolean; firstFailure?: string }[];
  /** The block step's coverage: who reached it, who saw it refused. */
  block?: { reachedBy: string[]; refusedBy: string[]; heldBackBy?: string[] };
  contentHash?: string;
  message?: string;
}

/**
 * The queries policyStatus makes: the version's test run (`run`) and the review's base, the
 * version published when it was requested (`published`, a document), answered as the store would.
 */
function fakeDb(run?: StoredRun, published?: object): Db {
  const row = run && {
    id: 'test-run-1',
    versionId: 'version-1',
    contentHash: run.contentHash ?? HASH,
    status: run.status,
    generation: 1,
    cases: (run.cases ?? []).map((c) => ({ ...c, assertions: [], warnings: [], path: [], effects: [], durationMs: 0 })),
    coverage: ['passed', 'failed'].includes(run.status)
      ? {
          edges: [],
          covered: 0,
          total: 0,
          percent: 100,
          destructive: run.block ? [{ stepId: 'block', label: 'block', heldBackBy: [], ...run.block }] : [],
          errorPorts: [],
        }
      : null,
    message: run.message ?? null,
    requestedById: null,
    requestedAt: AT,
    startedAt: run.status === 'queued' ? null : AT,
    finishedAt: ['queued', 'running'].includes(run.status) ? null : AT,
  };
  const baseVersion = published && {
    ...version(),
    id: 'version-0',
    number: 1,
    contentHash: 'sha256:published',
    status: 'published',
    document: JSON.parse(JSON.stringify(published)),
  };
  return {
    versionTestRun: { findUnique: async () => row ?? null },
    workflowVersion: { findUnique: async () => baseVersion ?? null },
    workflow: { findUnique: async () => ({ publishedVersion: baseVersion ?? null }) },
    // No policy stored, no waiver: the shipped defaults are checked (shown beside, never in `missing`).
    safetyPolicy: { findMany: async () => [] },
    policyWaiver: { findMany: async () => [] },
  } as unknown as Db;
}

const green = (names: string[]) => names.map((name) => ({ name, passed: true }));

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
    const status = await policyStatus(fakeDb(), review([vote(AUTHOR, 'approve')]), version());

    expect(status).toMatchObject({
      approvedBy: [],
      satisfied: false,
      missing: ['1 more approval(s) of this content'],
    });
  });

  it('when the only approval is of an earlier content hash then the policy is not satisfied', async () => {
    const status = await policyStatus(fakeDb(), review([vote('bob', 'approve', OLD_HASH)]), version());

    expect(status).toMatchObject({ approvedBy: [], satisfied: false });
  });

  it('when one reviewer approves the current hash then a one-approval review is satisfied, test cases or not', async () => {
    const status = await policyStatus(fakeDb(), review([vote('bob', 'approve')]), version());

    expect(status).toEqual({
      requiredApprovals: 1,
      approvedBy: ['bob'],
      testsRequired: false,
      tests: {
        workflowId: 'workflow-1',
        number: 2,
        contentHash: HASH,
        status: 'not_run',
        message: 'no test cases',
        cases: [],
        coverage: null,
        startedAt: null,
        finishedAt: null,
        requestedAt: null,
      },
      destructive: [],
      missing: [],
      satisfied: true,
      policyCheck: { contentHash: HASH, violations: [], blocking: false },
    });
  });

  it("when a high-risk review has the author's and one reviewer's approval then it still misses one approval", async () => {
    const r = review([vote(AUTHOR, 'approve'), vote('bob', 'approve')], 2);
    const status = await policyStatus(fakeDb({ status: 'passed', cases: green(['scan']) }), r, version(['scan']));

    expect(status).toMatchObject({
      approvedBy: ['bob'],
      testsRequired: true,
      tests: { status: 'passed' },
      missing: ['1 more approval(s) of this content'],
      satisfied: false,
    });
  });

  it.each([
    ['queued', 'the test run of this content is still running'],
    ['running', 'the test run of this content is still running'],
    ['error', 'the test run of this content could not run: the sandbox died'],
  ] as const)(
    'when the test run of a high-risk version is %s then it is not satisfied, saying so',
    async (runStatus, why) => {
      const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
      const db = fakeDb({ status: runStatus, message: 'the sandbox died' });

      const status = await policyStatus(db, r, version(['scan']));

      expect(status.tests.status).toBe(runStatus);
      expect(status.missing).toEqual([why]);
      expect(status.satisfied).toBe(false);
    },
  );

  it('when a case of a high-risk version failed then it is not satisfied and the case is named with its first failure', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const cases = [
      { name: 'scan', passed: false, firstFailure: 'status is succeeded: got failed' },
      { name: 'phish', passed: true },
    ];

    const status = await policyStatus(fakeDb({ status: 'failed', cases }), r, version(['scan', 'phish']));

    expect(status.missing).toEqual(['case "scan" fails: status is succeeded: got failed']);
    expect(status.satisfied).toBe(false);
  });

  it('when the only test run is of other content then the cases count as not run', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const db = fakeDb({ status: 'passed', cases: green(['scan']), contentHash: OLD_HASH });

    const status = await policyStatus(db, r, version(['scan']));

    expect(status.tests).toMatchObject({ status: 'not_run', contentHash: HASH, cases: [] });
    expect(status.missing).toEqual(['a run of the test cases of this content']);
  });

  it('when a high-risk version has no test case then it is not satisfied, whatever the approvals', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const status = await policyStatus(fakeDb(), r, version());

    expect(status.missing).toEqual(['a test case']);
    expect(status.satisfied).toBe(false);
  });

  it('when a high-risk review has two approvals of this hash and every case passed then it is satisfied', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const status = await policyStatus(fakeDb({ status: 'passed', cases: green(['scan']) }), r, version(['scan']));

    expect(status).toMatchObject({ approvedBy: ['bob', 'carol'], destructive: [], missing: [], satisfied: true });
    expect(status.tests.cases.map((c) => [c.name, c.passed])).toEqual([['scan', true]]);
  });

  it('when the stored document does not parse (an old draft) then a high-risk review lacks its cases, and nothing throws', async () => {
    const r = review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
    const status = await policyStatus(fakeDb(), r, { ...version(), document: { not: 'a workflow' } });

    expect(status.tests.status).toBe('not_run');
    expect(status.destructive).toEqual([]);
    expect(status.missing).toEqual(['a test case']);
  });
});

describe('guards, review policy: destructive steps the change adds or changes', () => {
  const twoApprovals = () => review([vote('bob', 'approve'), vote('carol', 'approve')], 2);
  const cases = green(['blocks', 'protected']);

  it('when an added block step is reached by no case then the green run does not satisfy the policy, saying so', async () => {
    const db = fakeDb({ status: 'passed', cases, block: { reachedBy: [], refusedBy: [] } }, doc([]));

    const status = await policyStatus(
      db,
      twoApprovals(),
      version(['blocks', 'protected'], { block: '{{ event.ip }}' }),
    );

    expect(status.destructive).toEqual([{ stepId: 'block', label: 'Connector', reached: false, refused: false }]);
    expect(status.missing).toEqual([
      'no case reaches destructive step block and lets it run',
      'no case shows block refused on a protected target (or held back from one by its auto-OK check)',
    ]);
    expect(status.satisfied).toBe(false);
  });

  it('when the only case reaching the block saw it refused then it still needs a case in which it runs', async () => {
    const db = fakeDb({ status: 'passed', cases, block: { reachedBy: ['protected'], refusedBy: ['protected'] } });

    const status = await policyStatus(
      db,
      twoApprovals(),
      version(['blocks', 'protected'], { block: '{{ event.ip }}' }),
    );

    expect(status.destructive).toEqual([{ stepId: 'block', label: 'Connector', reached: false, refused: true }]);
    expect(status.missing).toEqual(['no case reaches destructive step block and lets it run']);
  });

  it('when one case reaches the block and another sees it refused then the policy is satisfied', async () => {
    const block = { reachedBy: ['blocks', 'protected'], refusedBy: ['protected'] };

    const status = await policyStatus(
      fakeDb({ status: 'passed', cases, block }),
      twoApprovals(),
      version(['blocks', 'protected'], { block: '{{ event.ip }}' }),
    );

    expect(status.destructive).toEqual([{ stepId: 'block', label: 'Connector', reached: true, refused: true }]);
    expect(status).toMatchObject({ missing: [], satisfied: true });
  });

  it('when an auto-OK check held the block back from a protected target in one case and another lets it run then the policy is satisfied', async () => {
    const block = { reachedBy: ['blocks'], refusedBy: [], heldBackBy: ['protected'] };

    const status = await policyStatus(
      fakeDb({ status: 'passed', cases, block }),
      twoApprovals(),
      version(['blocks', 'protected'], { block: '{{ event.ip }}' }),
    );

    expect(status.destructive).toEqual([{ stepId: 'block', label: 'Connector', reached: true, refused: true }]);
    expect(status).toMatchObject({ missing: [], satisfied: true });
  });

  it('when the block step is changed against the published version then it is listed; when unchanged it is not', async () => {
    const uncovered = { reachedBy: [], refusedBy: [] };
    const changed = fakeDb({ status: 'passed', cases, block: uncovered }, doc([], { block: '198.51.100.1' }));
    const same = fakeDb({ status: 'passed', cases, block: uncovered }, doc([], { block: '{{ event.ip }}' }));
    const v = version(['blocks', 'protected'], { block: '{{ event.ip }}' });

    const a = await policyStatus(changed, twoApprovals(), v);
    const b = await policyStatus(same, twoApprovals(), v);

    expect(a.destructive.map((d) => d.stepId)).toEqual(['block']);
    expect(a.satisfied).toBe(false);
    expect(b.destructive).toEqual([]);
    expect(b).toMatchObject({ missing: [], satisfied: true });
  });
});
