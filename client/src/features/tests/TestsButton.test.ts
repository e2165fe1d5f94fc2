import { TestRunView } from '@autonomic/api';
import { describe, expect, it } from 'vitest';
import { testsState } from './TestsButton';

const HASH = 'd'.repeat(64);
const run = (status: TestRunView['status'], passed: Record<string, boolean>, contentHash = HASH): TestRunView =>
  TestRunView.parse({
    workflowId: '0190a000-0000-7000-8000-0000000000f1',
    number: 1,
    contentHash,
    status,
    cases: Object.entries(passed).map(([name, ok]) => ({
      name,
      passed: ok,
      assertions: [],
      warnings: [],
      path: [],
      effects: [],
      durationMs: 0,
    })),
    coverage: null,
    startedAt: null,
    finishedAt: null,
    requestedAt: null,
  });

describe("the Tests button's state", () => {
  it('when one case failed then it is failed; when every case passed on this content then passed', () => {
    expect(testsState(['a', 'b'], run('failed', { a: true, b: false }), HASH)).toBe('failed');
    expect(testsState(['a', 'b'], run('passed', { a: true, b: true }), HASH)).toBe('passed');
  });

  it('when a case has no result, the results are of other content, or none are in yet then it is neither red nor green', () => {
    expect(testsState(['a', 'c'], run('passed', { a: true }), HASH)).toBe('unknown');
    expect(testsState(['a'], run('passed', { a: true }, 'e'.repeat(64)), HASH)).toBe('unknown');
    expect(testsState(['a'], run('queued', {}), HASH)).toBe('pending');
    expect(testsState(['a'], null, HASH)).toBe('unknown');
    expect(testsState([], null, HASH)).toBe('none');
  });
});
