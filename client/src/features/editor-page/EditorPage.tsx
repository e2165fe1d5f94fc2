import './editor-page.css';
import { useParams } from 'react-router';
import { EditorProvider } from '../../editor';
import { EditorWorkspace } from './EditorWorkspace';
import { useEditorSession } from './useEditorSession';

/**
 * `/workflows/new`, `/workflows/:id` (the latest version, editable by its owner) and
 * `/workflows/:id/versions/:number` (that version, read-only).
 */
export function EditorPage() {
  const { id, number } = useParams();
  const versionNumber = number && /^\d+$/.test(number) ? Number(number) : null;
  const state = useEditorSession(id ?? null, versionNumber);
  if (state.status === 'loading') return <p aria-busy="true">Loading the workflow…</p>;
  if (state.status === 'error') return <p role="alert">Could not open the workflow: {state.message}</p>;
  return (
    <EditorProvider store={state.session.store}>
      <EditorWorkspace key={`${id ?? 'new'}:${number ?? 'latest'}`} session={state.session} />
    </EditorProvider>
  );
}
