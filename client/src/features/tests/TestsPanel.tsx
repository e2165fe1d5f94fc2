import './tests.css';
import type { CaseResult, VersionSummary } from '@autonomic/api';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { useEditor, useEditorStore } from '../../editor';
import { setTests, type TestCaseDraft } from '../../editor/commands';
import { NODE_SIZE } from '../../editor/types';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { CaseBadge, CaseDetail } from './CaseOutcome';
import { CaseForm } from './CaseForm';
import { newCase, problemsOfCase } from './caseDraft';
import { CoverageSummary } from './CoverageSummary';
import type { ShownCase } from './useCaseTrace';
import type { TestRunState } from './useTestRun';
import { editedVerdict, isPending, verdictOf, type CaseVerdict } from './verdict';

const RUN_WORDS = {
  not_run: 'not run yet',
  queued: 'queued…',
  running: 'running…',
  passed: 'every case passed',
  failed: 'some cases failed',
  error: 'the cases could not run',
} as const;

interface Props {
  /** The saved version on the canvas (null before the first save). */
  version: VersionSummary | null;
  tests: TestRunState;
  shown: ShownCase | null;
  onShow(c: ShownCase | null): void;
  /** Why the shown case's trace could not be read. */
  traceError: Error | null;
  /** The cases as the version on the canvas was saved (a case edited since is stale); absent: as loaded. */
  savedTests?: readonly TestCaseDraft[];
  /** A case to open (a problem of it was clicked); a new object each time it is asked for. */
  focus?: { index: number } | null;
  onClose(): void;
}

/**
 * The document's test cases with the latest results of the saved version: each case
 * green / red / grey with its first failed assertion and warnings, its trace on the canvas,
 * its form; the coverage of them all; "Run again".
 */
export function TestsPanel(props: Props) {
  const { version, tests, shown, onShow, traceError, focus = null, savedTests, onClose } = props;
  const store = useEditorStore();
  const cases = useEditor((s) => s.tests);
  const problems = useEditor((s) => s.problems);
  const readOnly = useEditor((s) => s.readOnly);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  const [editing, setEditing] = useState<number | null>(focus?.index ?? null);
  useEffect(() => {
    if (focus) setEditing(focus.index);
  }, [focus]);
  const { setCenter, getZoom } = useReactFlow();
  const run = tests.run;
  const hash = version?.contentHash ?? null;
  const current = run !== null && run.status !== 'not_run' && run.contentHash === hash;

  const selectNode = (id: string) => {
    const node = store.getState().nodes.find((n) => n.id === id);
    if (!node) return;
    store.getState().select({ nodes: [id] });
    const w = node.measured?.width ?? NODE_SIZE.width;
    const h = node.measured?.height ?? NODE_SIZE.height;
    void setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(getZoom(), 0.8), duration: 250 });
  };
  const addCase = () => {
    if (store.getState().run(setTests, { tests: [...cases, newCase(cases)] })) setEditing(cases.length);
  };
  const removeCase = (i: number) => {
    store.getState().run(setTests, { tests: cases.filter((_, j) => j !== i) });
    if (editing !== null) setEditing(editing === i ? null : editing > i ? editing - 1 : editing);
  };

  return (
    <aside className="tests-panel node-panel" aria-labelledby="tests-title" data-testid="tests-panel">
      <div className="drawer-head">
        <h2 id="tests-title">Tests</h2>
        <button type="button" onClick={onClose} aria-label="Close tests">
          ×
        </button>
      </div>
      <div className="tests-head-row">
        <p className="muted" role="status" data-testid="tests-status">
          {!version
            ? 'Save the workflow: its cases run on every saved version.'
            : !run || run.status === 'not_run'
              ? `v${version.number}: not run yet.`
              : run.contentHash !== hash
                ? `The results are of other content than v${version.number} (stale).`
                : `v${version.number}: ${RUN_WORDS[run.status]}`}
          {run?.message ? ` ${run.message}` : ''}
        </p>
        {version && (
          <span>
            <button
              type="button"
              onClick={() => void tests.rerun()}
              disabled={tests.starting || isPending(run)}
              data-testid="rerun-tests"
            >
              {isPending(run) ? 'Running…' : 'Run again'}
            </button>
          </span>
        )}
      </div>
      {dirty && version && (
        <p className="muted" data-testid="tests-unsaved">
          Unsaved changes: these results are of the saved v{version.number}. Save to run the cases again.
        </p>
      )}
      {tests.error && <ApiErrorMessage error={tests.error} />}
      {cases.length === 0 && (
        <p className="muted">
          No test case yet. A case is an event, what the outside world answers and what must hold.
        </p>
      )}
      <ul className="case-list">
        {cases.map((c, i) => {
          const edited = savedTests
            ? editedVerdict(
                c,
                savedTests.find((s) => s.name === c.name),
              )
            : null;
          const v: { verdict: CaseVerdict; result?: CaseResult } = edited
            ? { verdict: edited }
            : verdictOf(c.name, run, hash);
          const mine = problemsOfCase(problems, i).length;
          const isShown = shown !== null && shown.name === c.name;
          return (
            <li key={i} data-testid={`case-row-${i}`} className={editing === i ? 'editing' : undefined}>
              <button
                type="button"
                className="linklike"
                onClick={() => setEditing(editing === i ? null : i)}
                data-testid={`case-open-${i}`}
              >
                {c.name || '(unnamed)'}
              </button>{' '}
              <CaseBadge verdict={v.verdict} result={v.result} />
              {mine > 0 && (
                <span className="badge badge-danger" title="See the case's form">
                  {mine} problem{mine === 1 ? '' : 's'}
                </span>
              )}
              <CaseDetail name={c.name} result={v.result} />
              <span className="case-actions">
                {v.result?.runId && v.verdict !== 'stale' && (
                  <button
                    type="button"
                    aria-pressed={isShown}
                    data-testid={`case-show-${i}`}
                    onClick={() => onShow(isShown || !v.result?.runId ? null : { name: c.name, runId: v.result.runId })}
                  >
                    {isShown ? 'Hide from canvas' : 'Show on canvas'}
                  </button>
                )}
                {!readOnly && (
                  <button type="button" onClick={() => removeCase(i)} aria-label={`Remove case ${c.name}`}>
                    Remove
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {traceError && <ApiErrorMessage error={traceError} />}
      {!readOnly && (
        <button type="button" onClick={addCase} data-testid="add-case">
          Add case
        </button>
      )}
      {editing !== null && editing < cases.length && (
        <CaseForm key={editing} index={editing} onClose={() => setEditing(null)} />
      )}
      {current && run.coverage && <CoverageSummary coverage={run.coverage} onSelectNode={selectNode} />}
    </aside>
  );
}
