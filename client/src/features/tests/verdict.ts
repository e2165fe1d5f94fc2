/** How a test case stands, in one word and one colour, from the latest results of its version. */
import type { CaseResult, TestRunView } from '@autonomic/api';
import { TestCase } from '@autonomic/workflow';

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

/** A case as JSON with defaults filled and keys sorted: two drafts that mean the same compare equal. */
function caseKey(c: unknown): string {
  const parsed = TestCase.safeParse(c);
  return JSON.stringify(parsed.success ? parsed.data : c, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A case edited since the version was saved: its results are of the saved case, so they
 * say nothing of this one (stale); a case added since has none (not run). Null when the
 * case is as saved and the results stand.
 */
export function editedVerdict(current: unknown, saved: unknown): CaseVerdict | null {
  if (saved === undefined) return 'not run';
  return caseKey(current) === caseKey(saved) ? null : 'stale';
}
