import type { TestRunView } from '@autonomic/api';
import { useEditor } from '../../editor';
import { isPending, verdictOf } from './verdict';

export type TestsState = 'none' | 'pending' | 'failed' | 'passed' | 'unknown';

/** Red when a case failed, green when every case passed on this content, grey otherwise. */
export function testsState(names: readonly string[], run: TestRunView | null, contentHash: string | null): TestsState {
  if (names.length === 0) return 'none';
  if (isPending(run)) return 'pending';
  const verdicts = names.map((n) => verdictOf(n, run, contentHash).verdict);
  if (verdicts.includes('failed')) return 'failed';
  return verdicts.every((v) => v === 'passed') ? 'passed' : 'unknown';
}

const CLASS: Record<TestsState, string> = {
  none: 'badge',
  pending: 'badge badge-running',
  failed: 'badge badge-failed',
  passed: 'badge badge-succeeded',
  unknown: 'badge',
};
const WORDS: Record<TestsState, string> = {
  none: 'no case',
  pending: 'running',
  failed: 'failing',
  passed: 'passing',
  unknown: 'not run',
};

/** The header's "Tests" button: how many cases, and whether they pass (in words too, not only colour). */
export function TestsButton(props: {
  run: TestRunView | null;
  contentHash: string | null;
  open: boolean;
  onToggle(): void;
}) {
  const { run, contentHash, open, onToggle } = props;
  const names = useEditor((s) => s.tests.map((c) => c.name).join('\u0000'));
  const count = useEditor((s) => s.tests.length);
  const list = count === 0 ? [] : names.split('\u0000');
  const state = testsState(list, run, contentHash);
  return (
    <button type="button" aria-pressed={open} onClick={onToggle} data-testid="open-tests" data-state={state}>
      Tests{' '}
      <span className={CLASS[state]} data-testid="tests-count" title={WORDS[state]}>
        {list.length}
        <span className="pf-sr-only"> {WORDS[state]}</span>
      </span>
    </button>
  );
}
