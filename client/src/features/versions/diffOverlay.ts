import type { StepChange, WorkflowDiff } from '@autonomic/api';
import { NOTE_TYPE, type EditorEdge, type EditorGraph } from '@autonomic/workflow';
import type { CanvasOverlay } from '../../editor/contracts';

/** The key an edge is compared by: who it joins and through which port (ids are not trusted to match). */
export function edgeKey(e: Pick<EditorEdge, 'source' | 'target' | 'sourceHandle'>): string {
  return `${e.source}:${e.sourceHandle ?? 'out'}->${e.target}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A short summary of what changed in a step, for the node's badge: "2 params, wiring". */
export function changeSummary(
  c: Pick<StepChange, 'type' | 'label' | 'params' | 'retry' | 'timeout' | 'transitions'>,
): string {
  const parts: string[] = [];
  if (c.type) parts.push('type');
  if (c.label) parts.push('label');
  if (c.params.length > 0) parts.push(plural(c.params.length, 'param'));
  if (c.retry.length > 0) parts.push('retry');
  if (c.timeout) parts.push('timeout');
  if (c.transitions.length > 0) parts.push('wiring');
  return parts.join(', ');
}

function logicEdges(g: EditorGraph): Map<string, EditorEdge> {
  const notes = new Set(g.nodes.filter((n) => n.type === NOTE_TYPE).map((n) => n.id));
  const m = new Map<string, EditorEdge>();
  for (const e of g.edges) if (!notes.has(e.source) && !notes.has(e.target)) m.set(edgeKey(e), e);
  return m;
}

/**
 * The visual diff of two versions, drawn over the newer graph (`toGraph`): added steps
 * green, changed steps amber (with a summary of what changed), removed steps as red
 * ghosts taken from the older graph at their old positions, and the transitions each
 * side gained (`added`) and lost (`removed`, by the older graph's edge id).
 */
export function diffOverlay(diff: WorkflowDiff, fromGraph: EditorGraph, toGraph: EditorGraph): CanvasOverlay {
  const overlay: Required<Omit<CanvasOverlay, 'path' | 'markers'>> = { nodes: {}, edges: {}, ghosts: [] };
  const ghostIds = new Set<string>();

  for (const s of diff.steps.added) overlay.nodes[s.id] = { state: 'added', note: 'added' };
  for (const s of diff.steps.changed) overlay.nodes[s.id] = { state: 'changed', note: `changed: ${changeSummary(s)}` };
  for (const s of diff.steps.removed) ghostIds.add(s.id);

  const t = diff.trigger;
  const firstTrigger =
    fromGraph.nodes.length === 0 ? toGraph.nodes.find((n) => n.data.nodeType.startsWith('trigger.'))?.id : undefined;
  // A first version is compared with nothing: its trigger is added, not "changed: wiring".
  if (firstTrigger) overlay.nodes[firstTrigger] = { state: 'added', note: 'added' };
  else if (t) {
    if (t.id) {
      ghostIds.add(t.id.before);
      overlay.nodes[t.id.after] = { state: 'added', note: 'new trigger' };
    } else {
      const id = toGraph.nodes.find((n) => n.data.nodeType.startsWith('trigger.'))?.id;
      const summary = changeSummary({ ...t, retry: [], timeout: undefined, params: [...t.params, ...t.inputSchema] });
      if (id) overlay.nodes[id] = { state: 'changed', note: summary ? `changed: ${summary}` : 'changed' };
    }
  }

  for (const id of ghostIds) {
    const old = fromGraph.nodes.find((n) => n.id === id);
    if (!old) continue;
    overlay.ghosts.push(old);
    overlay.nodes[id] = { state: 'removed', note: 'removed' };
  }

  const before = logicEdges(fromGraph);
  const after = logicEdges(toGraph);
  for (const [key, e] of after) if (!before.has(key)) overlay.edges[e.id] = 'added';
  for (const [key, e] of before) if (!after.has(key)) overlay.edges[e.id] = 'removed';
  return overlay;
}
