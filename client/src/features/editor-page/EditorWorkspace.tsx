import { useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { problemList, problemWords } from '../../api/problems';
import { EditorCanvas, NodePanel, Palette, ProblemsList, useEditor, useEditorStore } from '../../editor';
import { SkipToCanvas } from '../../editor/canvas/SkipToCanvas';
import type { VersionSummary } from '@autonomic/api';
import { useEditorPolicies } from '../policies/useEditorPolicies';
import { TestsButton } from '../tests/TestsButton';
import { TestsPanel } from '../tests/TestsPanel';
import { useEditorTests } from '../tests/useEditorTests';
import { CollapsibleColumn } from './CollapsibleColumn';
import { EditorHeader } from './EditorHeader';
import { MetadataDrawer } from './MetadataDrawer';
import { SaveDialog } from './SaveDialog';
import { describeOutcome, saveGraph } from './save';
import { useConnectorCatalog } from './useConnectorCatalog';
import type { EditorSession } from './useEditorSession';
import { useFillViewport } from './useFillViewport';
import { useRemembered } from './useRemembered';
import { PALETTE_COLLAPSED_KEY, useSideColumn } from './useSideColumn';
import { useUnsavedWarning } from './useUnsavedWarning';

/** A save refusal in words: "the document cannot be saved: Step lookup › URL: a URL is required". */
function messageOf(e: unknown): string {
  const list = problemList(e).slice(0, 3);
  return list.length > 0 ? `${problemWords(e)}: ${list.join('; ')}` : problemWords(e);
}

const CANVAS_ID = 'editor-canvas';
const isCaseProblem = (path: string) => /^tests\.\d+(\.|$)/.test(path);

/** Palette, canvas, config panel, problems and the Tests panel around one editor store, with save. */
export function EditorWorkspace({ session }: { session: EditorSession }) {
  const store = useEditorStore();
  const navigate = useNavigate();
  const problems = useEditor((s) => s.problems.length);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  const [version, setVersion] = useState<VersionSummary | null>(session.version);
  const [savedLayout, setSavedLayout] = useState(session.savedLayout);
  const [saveOpen, setSaveOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [params] = useSearchParams();
  const [testsOpen, setTestsOpen] = useState(params.get('panel') === 'tests');
  const [caseFocus, setCaseFocus] = useState<{ index: number } | null>(null);
  const workflowId = session.workflow?.id ?? null;
  const tests = useEditorTests(workflowId, version, testsOpen);
  // The cases as last loaded or saved: the panel greys a case edited since (its results are of the old one).
  const [savedTests, setSavedTests] = useState(() => store.getState().tests);
  const [paletteCollapsed, setPaletteCollapsed] = useRemembered(PALETTE_COLLAPSED_KEY, false);
  const side = useSideColumn();
  const fill = useFillViewport<HTMLDivElement>();
  useUnsavedWarning(dirty && !session.readOnly);
  useConnectorCatalog(store);
  useEditorPolicies(store, session.workflow?.maxDestructivePerRun ?? null);

  const save = useCallback(
    async (changeNote: string) => {
      setBusy(true);
      setError(null);
      try {
        store.getState().validateNow();
        const revision = store.getState().revision;
        const graph = store.getState().graph();
        const outcome = await saveGraph({ workflowId, graph, changeNote, savedLayout });
        setSavedTests(graph.tests);
        if (store.getState().revision === revision) store.getState().markSaved();
        setSavedLayout(outcome.layout);
        setVersion(outcome.version);
        setMessage(describeOutcome(outcome));
        setSaveOpen(false);
        if (outcome.kind === 'created') navigate(`/workflows/${outcome.workflowId}`, { replace: true });
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setBusy(false);
      }
    },
    [store, workflowId, savedLayout, navigate],
  );

  const bodyClass = [
    'editor-body',
    testsOpen && !side.collapsed ? 'tests-open' : '',
    session.readOnly ? 'no-palette' : paletteCollapsed ? 'palette-collapsed' : '',
    side.collapsed ? 'side-collapsed' : '',
  ]
    .filter(Boolean)
    .join(' ');

  // A problem of a test case opens the Tests panel on that case's form.
  const openCase = (path: string) => {
    setTestsOpen(true);
    setCaseFocus({ index: Number(path.split('.')[1]) });
  };

  return (
    <div className="editor-page" data-editor-root ref={fill}>
      <SkipToCanvas canvasId={CANVAS_ID} />
      <EditorHeader
        workflowId={workflowId}
        version={version}
        readOnly={session.readOnly}
        saveMessage={message}
        onSave={() => {
          setError(null);
          setSaveOpen(true);
        }}
        onDetails={() => {
          setDetailsOpen((o) => !o);
          if (side.collapsed) side.toggle();
        }}
        testsButton={
          <TestsButton
            run={tests.tests.run}
            contentHash={version?.contentHash ?? null}
            open={testsOpen}
            onToggle={() => {
              setTestsOpen((o) => !o);
              if (side.collapsed) side.toggle();
            }}
          />
        }
      />
      {session.readOnlyReason && (
        <p className="read-only-banner" role="note">
          {session.readOnlyReason}{' '}
          {workflowId && version && session.version?.number !== session.workflow?.latest?.number && (
            <Link to={`/workflows/${workflowId}`}>Open the latest version</Link>
          )}
        </p>
      )}
      <div className={bodyClass}>
        {!session.readOnly && (
          <CollapsibleColumn
            label="Palette"
            side="left"
            collapsed={paletteCollapsed}
            onToggle={() => setPaletteCollapsed(!paletteCollapsed)}
            className="editor-palette"
            testId="palette-column"
          >
            <Palette />
          </CollapsibleColumn>
        )}
        <div className="editor-main">
          <EditorCanvas id={CANVAS_ID} {...(tests.overlay ? { overlay: tests.overlay } : {})} />
        </div>
        <CollapsibleColumn
          label="Panel"
          side="right"
          collapsed={side.collapsed}
          onToggle={side.toggle}
          className="editor-side"
          testId="side-column"
        >
          <div className="side-scroll">
            {detailsOpen && <MetadataDrawer onClose={() => setDetailsOpen(false)} />}
            {testsOpen && (
              <TestsPanel
                version={version}
                tests={tests.tests}
                shown={tests.shown}
                onShow={tests.setShown}
                traceError={tests.traceError}
                focus={caseFocus}
                savedTests={savedTests}
                onClose={() => setTestsOpen(false)}
              />
            )}
            <NodePanel />
          </div>
          <ProblemsList onWorkflowProblem={(p) => (isCaseProblem(p.path) ? openCase(p.path) : setDetailsOpen(true))} />
        </CollapsibleColumn>
      </div>
      <SaveDialog
        open={saveOpen}
        problems={problems}
        busy={busy}
        error={error}
        onSave={(note) => void save(note)}
        onClose={() => setSaveOpen(false)}
      />
    </div>
  );
}
