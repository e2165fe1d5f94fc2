/** How a test case stands, in one word and one colour, from the latest results of its version. */
import type { CaseResult, TestRunView } from '@autonomic/api';

/** passed green, failed red; not run and stale (results of other content) grey. */
export type CaseVerdict = 'passed' | 'failed' | 'not run' | 'stale' | 'pending';

/** Results still to come: the run is queued or running. */
export const isPending = (run: Pick<TestRunView, 'status'> | null): boolean =>
  run?.status === 'queued' || run?.status === 'running';

/**
 * The verdict of the case named `name`: stale when the results are of other content than
 * `contentHash` (an older save), pending while its run is under way, not run when the
 * results do not have it.
 */
export function verdictOf(
  name: string,
  run: TestRunView | null,
  contentHash: string | null,
): { verdict: CaseVerdict; result?: CaseResult } {
  if (!run || run.status === 'not_run') return { verdict: 'not run' };
  if (contentHash !== null && run.contentHash !== contentHash) return { verdict: 'stale' };
  const result = run.cases.find((c) => c.name === name);
  if (!result) return { verdict: isPending(run) ? 'pending' : 'not run' };
  return { verdict: result.passed ? 'passed' : 'failed', result };
}

/** The badge class of a verdict (the house's run colours). */
export function verdictClass(v: CaseVerdict): string {
  if (v === 'passed') return 'badge badge-succeeded';
  if (v === 'failed') return 'badge badge-failed';
  if (v === 'pending') return 'badge badge-running';
  return 'badge';
}

/** Whether every case has a green result for `contentHash` (no case counts as not green). */
export function allGreen(names: readonly string[], run: TestRunView | null, contentHash: string | null): boolean {
  return names.length > 0 && names.every((n) => verdictOf(n, run, contentHash).verdict === 'passed');
}
