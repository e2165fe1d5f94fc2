import '../tests/tests.css';
import type { DestructiveCheck, TestRunView } from '@autonomic/api';
import { Link } from 'react-router';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { CaseBadge, CaseDetail } from '../tests/CaseOutcome';
import { CoverageSummary } from '../tests/CoverageSummary';
import { useTestRun } from '../tests/useTestRun';
import { isPending, verdictOf } from '../tests/verdict';

interface Props {
  workflowId: string;
  number: number;
  contentHash: string;
  /** The latest run of the version's cases, from the review's policy. */
  tests: TestRunView;
  /** Destructive steps the change adds or changes, and whether some case reached / saw each refused. */
  destructive: readonly DestructiveCheck[];
  /** Analysts, reviewers and admins may run the cases again. */
  canRun: boolean;
  /** After a run settles: the policy may now be met. */
  onDone(): void;
}

const RUN_WORDS: Record<TestRunView['status'], string> = {
  not_run: 'The cases have not run yet.',
  queued: 'The cases are queued…',
  running: 'The cases are running…',
  passed: 'Every case passed.',
  failed: 'Some cases failed.',
  error: 'The cases could not run.',
};

/** The run's note as a sentence of its own ("no test cases" → "No test cases."). */
const sentence = (m: string) => `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?…]$/.test(m) ? '' : '.'}`;

/**
 * The version's test cases as its latest run left them (each green or red with its first
 * failure), the coverage, and the destructive steps the change adds or changes with
 * whether a case reached each and saw it refused on a protected target.
 */
export function ReviewTests({ workflowId, number, contentHash, tests, destructive, canRun, onDone }: Props) {
  const version = { workflowId, number, contentHash };
  const state = useTestRun(version, { enabled: true, initial: tests, onSettled: onDone });
  const run = state.run ?? tests;
  return (
    <section className="panel" data-testid="review-tests" aria-labelledby="review-tests-title">
      <h2 id="review-tests-title">Test cases</h2>
      <p data-testid="review-tests-status">
        {run.contentHash !== contentHash && run.status !== 'not_run'
          ? 'These results are of other content than this version (stale).'
          : RUN_WORDS[run.status]}
        {run.message ? ` ${sentence(run.message)}` : ''}{' '}
        <Link to={`/workflows/${workflowId}/versions/${number}?panel=tests`} data-testid="open-tests-panel">
          Open in the editor’s Tests panel
        </Link>
      </p>
      {run.cases.length === 0 && !isPending(run) && <p className="muted">No case results for this version.</p>}
      {run.cases.length > 0 && (
        <ul className="case-list">
          {run.cases.map((c) => {
            const v = verdictOf(c.name, run, contentHash);
            return (
              <li key={c.name} data-testid={`review-case-${c.name}`}>
                <strong>{c.name}</strong> <CaseBadge verdict={v.verdict} result={c} />
                {c.runId && (
                  <>
                    {' '}
                    <Link to={`/runs/${c.runId}`}>trace</Link>
                  </>
                )}
                <CaseDetail name={c.name} result={c} />
              </li>
            );
          })}
        </ul>
      )}
      {run.coverage && <CoverageSummary coverage={run.coverage} />}
      {destructive.length > 0 && (
        <>
          <h3>Destructive steps this change adds or changes</h3>
          <ul aria-label="Destructive steps changed" data-testid="review-destructive">
            {destructive.map((d) => (
              <li key={d.stepId}>
                <code>{d.stepId}</code> {d.label !== d.stepId && <span className="muted">({d.label})</span>}:{' '}
                <span className={`badge ${d.reached ? 'badge-succeeded' : 'badge-failed'}`}>
                  {d.reached ? 'reached' : 'not reached'}
                </span>{' '}
                <span className={`badge ${d.refused ? 'badge-succeeded' : 'badge-failed'}`}>
                  {d.refused ? 'refused on a protected target' : 'never refused'}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canRun && (
        <p className="actions">
          <button
            type="button"
            onClick={() => void state.rerun()}
            disabled={state.starting || isPending(run)}
            data-testid="rerun-tests"
          >
            {isPending(run) ? 'Running…' : 'Run again'}
          </button>
        </p>
      )}
      {state.error && <ApiErrorMessage error={state.error} />}
    </section>
  );
}
