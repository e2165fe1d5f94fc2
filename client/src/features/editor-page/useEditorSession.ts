import { useEffect, useState } from 'react';
import { createEditorStore, documentToFlowGraph, type EditorStore } from '../../editor';
import { useAuth } from '../../auth/store';
import type { VersionSummary, WorkflowDetail } from '@autonomic/api';
import { getVersion, getWorkflow } from '../versions/api';
import { getLayout } from './api';
import { layoutKey, withLayout } from './layout';

export interface EditorSession {
  store: EditorStore;
  workflow: WorkflowDetail | null;
  /** The version on the canvas (null for a new workflow). */
  version: VersionSummary | null;
  /** A saved version opened by number, or a workflow the user may not edit. */
  readOnly: boolean;
  readOnlyReason: string | null;
  /** `layoutKey` of what was loaded. */
  savedLayout: string;
}

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; session: EditorSession };

/**
 * Opens a workflow in a new editor store: nothing for `/workflows/new`, the latest version
 * (with the layout stored after it) for `/workflows/:id`, a given version read-only.
 */
export function useEditorSession(workflowId: string | null, versionNumber: number | null): State {
  const user = useAuth((s) => s.user);
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    const canWrite = user?.role === 'analyst' || user?.role === 'admin';
    if (!workflowId) {
      const store = createEditorStore({ metadata: { name: 'Untitled workflow' }, readOnly: !canWrite });
      const reason = canWrite ? null : 'Only analysts and admins create workflows.';
      setState({
        status: 'ready',
        session: { store, workflow: null, version: null, readOnly: !canWrite, readOnlyReason: reason, savedLayout: '' },
      });
      return undefined;
    }
    (async () => {
      // All at once (a numbered version, the layout) or as soon as known (the latest version).
      const opening = getWorkflow(workflowId);
      const [workflow, version, layout] = await Promise.all([
        opening,
        versionNumber !== null
          ? getVersion(workflowId, versionNumber)
          : opening.then((w) => {
              if (!w.latest) throw new Error('This workflow has no version yet.');
              return getVersion(w.id, w.latest.number);
            }),
        versionNumber === null ? getLayout(workflowId) : null,
      ]);
      const number = version.number;
      let graph = documentToFlowGraph(version.document);
      if (layout?.ui && layout.version === number) graph = withLayout(graph, layout.ui);
      const owner = user?.id === workflow.ownerId || user?.role === 'admin';
      const readOnlyReason =
        versionNumber !== null
          ? `You are viewing v${number}, read-only.`
          : !owner || !canWrite
            ? `Only the owner (${workflow.owner.displayName}) or an admin edits this workflow.`
            : null;
      const store = createEditorStore({ ...graph, readOnly: readOnlyReason !== null });
      const savedLayout = layoutKey(graph);
      if (live) {
        setState({
          status: 'ready',
          session: { store, workflow, version, readOnly: readOnlyReason !== null, readOnlyReason, savedLayout },
        });
      }
    })().catch((e: unknown) => {
      if (live) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      live = false;
    };
  }, [workflowId, versionNumber, user]);
  return state;
}
