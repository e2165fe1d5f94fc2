import type { EditorGraph } from '@autonomic/workflow';
import type { ApprovalTask, RunStatus } from '@autonomic/api';

/** A rejected approval whose "Rejected" port leads nowhere, said in words; null otherwise. */
export function rejectionEnding(task: ApprovalTask, graph: EditorGraph, runStatus: RunStatus): string | null {
  if (task.status !== 'rejected') return null;
  const connected = graph.edges.some((e) => e.source === task.stepId && e.sourceHandle === 'rejected');
  if (connected) return null;
  const by = [...new Set(task.decisions.filter((d) => d.decision === 'rejected').map((d) => d.username))];
  const who = by.length > 0 ? `Rejected by ${by.join(', ')}` : 'Rejected';
  return `${who} at ${task.stepId}; its “Rejected” port is not connected, so the run ended there (${runStatus.replace('_', ' ')}: nothing failed, and nothing after the approval ran).`;
}

/**
 * Says why a run "succeeded" although its approval was rejected: the approval's rejected
 * port is not connected, so the rejection ended the run (the editor warns about it too).
 */
export function RejectionNote({
  tasks,
  graph,
  runStatus,
}: {
  tasks: readonly ApprovalTask[];
  graph: EditorGraph | null;
  runStatus: RunStatus;
}) {
  if (!graph) return null;
  const notes = tasks.flatMap((t) => {
    const note = rejectionEnding(t, graph, runStatus);
    return note ? [{ id: t.id, note }] : [];
  });
  if (notes.length === 0) return null;
  return (
    <div className="panel" role="note" data-testid="rejection-note">
      {notes.map((n) => (
        <p key={n.id}>{n.note}</p>
      ))}
    </div>
  );
}
