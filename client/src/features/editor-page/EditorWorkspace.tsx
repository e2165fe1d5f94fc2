import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { EditorCanvas, NodePanel, Palette, ProblemsList, useEditor, useEditorStore } from '../../editor';
import type { VersionSummary } from '@autonomic/api';
import { EditorHeader } from './EditorHeader';
import { MetadataDrawer } from './MetadataDrawer';
import { SaveDialog } from './SaveDialog';
import { describeOutcome, saveGraph } from './save';
import { useConnectorCatalog } from './useConnectorCatalog';
import type { EditorSession } from './useEditorSession';
import { useUnsavedWarning } from './useUnsavedWarning';

function messageOf(e: unknown): string {
  if (e instanceof ApiError && e.details.length > 0)
    return `${e.message}: ${e.details
      .slice(0, 3)
      .map((d) => `${d.path} ${d.message}`)
      .join('; ')}`;
  return e instanceof Error ? e.message : String(e);
}

/** Palette, canvas, config panel and problems around one editor store, with save. */
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
  const workflowId = session.workflow?.id ?? null;
  useUnsavedWarning(dirty && !session.readOnly);
  useConnectorCatalog(store);

  const save = useCallback(
    async (changeNote: string) => {
      setBusy(true);
      setError(null);
      try {
        store.getState().validateNow();
        const revision = store.getState().revision;
        const outcome = await saveGraph({ workflowId, graph: store.getState().graph(), changeNote, savedLayout });
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

  return (
    <div className="editor-page" data-editor-root>
      <EditorHeader
        workflowId={workflowId}
        version={version}
        readOnly={session.readOnly}
        saveMessage={message}
        onSave={() => {
          setError(null);
          setSaveOpen(true);
        }}
        onDetails={() => setDetailsOpen((o) => !o)}
      />
      {session.readOnlyReason && (
        <p className="read-only-banner" role="note">
          {session.readOnlyReason}{' '}
          {workflowId && version && session.version?.number !== session.workflow?.latest?.number && (
            <Link to={`/workflows/${workflowId}`}>Open the latest version</Link>
          )}
        </p>
      )}
      <div className="editor-body">
        {!session.readOnly && <Palette />}
        <div className="editor-main">
          <EditorCanvas />
        </div>
        <div className="editor-side">
          {detailsOpen && <MetadataDrawer onClose={() => setDetailsOpen(false)} />}
          <NodePanel />
          <ProblemsList onWorkflowProblem={() => setDetailsOpen(true)} />
        </div>
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
