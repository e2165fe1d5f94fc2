// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import type { ApprovalTask } from '@autonomic/api';
import { copyOfBase } from '../versions/testing';
import { graphOfDocument } from '../versions/graph';
import { RejectionNote } from './RejectionNote';

afterEach(cleanup);

/** start → enrich → check ─true→ approve ─approved→ block; `rejected` connected only when asked. */
function graph(rejectedTo?: string) {
  const doc = copyOfBase() as unknown as {
    steps: Record<string, { transitions?: Record<string, string[]> } & Record<string, unknown>>;
  };
  const check = doc.steps['check'];
  if (check?.transitions) check.transitions['true'] = ['approve'];
  doc.steps['approve'] = {
    type: 'approval',
    label: 'Approve the block',
    params: { approvers: { users: [], roles: ['reviewer'] }, timeout: '1h' },
    transitions: { approved: ['block'], ...(rejectedTo ? { rejected: [rejectedTo] } : {}) },
  };
  const g = graphOfDocument(doc);
  if (!g) throw new Error('the test graph does not parse');
  return g;
}

const task = (status: ApprovalTask['status']): ApprovalTask => ({
  id: '0190a000-0000-7000-8000-0000000000a1',
  taskId: 'run:approve',
  runId: '0190a000-0000-7000-8000-0000000000aa',
  stepKey: 'approve',
  stepId: 'approve',
  message: 'Block 198.51.100.7?',
  status,
  quorum: 1,
  escalationLevel: 0,
  levels: [],
  onTimeout: 'timeout',
  deadline: '2026-11-27T11:00:00.000Z',
  nextDeadlineAt: null,
  decisions:
    status === 'rejected'
      ? [
          {
            userId: '0190a000-0000-7000-8000-000000000b0b',
            username: 'bob',
            decision: 'rejected',
            level: 0,
            breakGlass: false,
            at: '2026-11-27T10:01:00.000Z',
          },
        ]
      : [],
  createdAt: '2026-11-27T10:00:00.000Z',
  decidedAt: status === 'pending' ? null : '2026-11-27T10:01:00.000Z',
});

describe('RejectionNote (run page)', () => {
  test('when bob rejected an approval whose rejected port is not connected then the run says the run ended there', () => {
    render(<RejectionNote tasks={[task('rejected')]} graph={graph()} runStatus="succeeded" />);

    expect(screen.getByTestId('rejection-note').textContent).toBe(
      'Rejected by bob at approve; its “Rejected” port is not connected, so the run ended there (succeeded: nothing failed, and nothing after the approval ran).',
    );
  });

  test('when the rejected port leads somewhere, or the approval was approved, then nothing is said', () => {
    render(<RejectionNote tasks={[task('rejected')]} graph={graph('done')} runStatus="succeeded" />);
    expect(screen.queryByTestId('rejection-note')).toBeNull();
    cleanup();
    render(<RejectionNote tasks={[task('approved')]} graph={graph()} runStatus="succeeded" />);
    expect(screen.queryByTestId('rejection-note')).toBeNull();
  });
});
