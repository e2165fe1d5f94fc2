import { NOTE_TYPE, type EditorGraph } from '@autonomic/workflow';
import type { CanvasOverlay, NodeDecoration } from '../../editor/contracts';
import type { Attempt, RunStatus, StepStatus } from '@autonomic/api';

/**
 * An attempt as the trace views read it: a simulation's `Attempt`, or a stored run's
 * step row read as one (`attemptOf` in runs/api.ts), whose status may be any `StepStatus`.
 */
export type TraceAttempt = Omit<Attempt, 'runId' | 'status'> & { status: StepStatus };

const ENDED: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** A node's note is one short line; the panel shows the whole text. */
export function shorten(text: string, max = 48): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Attempts grouped by step id, in the order they started. */
export function attemptsByStep(trace: readonly TraceAttempt[]): Map<string, TraceAttempt[]> {
  const m = new Map<string, TraceAttempt[]>();
  for (const a of [...trace].sort((x, y) => x.startedAt - y.startedAt)) {
    const list = m.get(a.stepId);
    if (list) list.push(a);
    else m.set(a.stepId, [a]);
  }
  return m;
}

/** The last attempt of each step key (a for-each body step has one key per item). */
function lastPerKey(attempts: readonly TraceAttempt[]): TraceAttempt[] {
  const last = new Map<string, TraceAttempt>();
  for (const a of attempts) {
    const seen = last.get(a.stepKey);
    if (!seen || a.attempt >= seen.attempt) last.set(a.stepKey, a);
  }
  return [...last.values()];
}

function decorationOf(attempts: readonly TraceAttempt[]): NodeDecoration {
  const last = lastPerKey(attempts);
  const retried = attempts.length > last.length;
  const refused = last.find((a) => a.safety?.decision === 'refuse');
  if (refused) return { state: 'refused', note: shorten(`refused: ${refused.safety?.reason ?? 'safety list'}`) };
  const failed = last.find((a) => a.status === 'failed');
  if (failed) {
    const why = failed.error?.message ?? 'failed';
    return {
      state: 'failed',
      note: shorten(retried ? `failed after ${attempts.length} attempts: ${why}` : `failed: ${why}`),
    };
  }
  if (last.some((a) => a.status === 'running')) return { state: 'running', note: 'running' };
  const waiting = last.find((a) => a.status === 'waiting');
  if (waiting) return { state: 'waiting', note: waiting.nodeType === 'approval' ? 'awaiting approval' : 'waiting' };
  if (last.some((a) => a.status === 'cancelled')) return { state: 'skipped', note: 'cancelled' };
  if (retried) return { state: 'succeeded', note: `succeeded after ${attempts.length} attempts` };
  return { state: 'succeeded', note: last.length > 1 ? `succeeded: ${last.length} items` : 'succeeded' };
}

/**
 * A run's trace drawn over its graph: each step coloured by its outcome (succeeded
 * green, failed red, refused by the safety list dark red with the reason, waiting and
 * running amber, not reached grey once the run has ended) and the edges it followed
 * marked `taken`. The trigger counts as taken as soon as a step ran. Every note says
 * the outcome in words too, so that colour is never the only cue.
 */
export function traceOverlay(
  run: { status: RunStatus; trace: readonly TraceAttempt[] },
  graph: EditorGraph,
): CanvasOverlay {
  const overlay: Required<Pick<CanvasOverlay, 'nodes' | 'edges'>> = { nodes: {}, edges: {} };
  const byStep = attemptsByStep(run.trace);
  const ended = ENDED.has(run.status);
  const triggerIds = new Set<string>();

  for (const n of graph.nodes) {
    if (n.type === NOTE_TYPE || n.data.nodeType === NOTE_TYPE) continue;
    const attempts = byStep.get(n.id);
    if (n.data.nodeType.startsWith('trigger.')) {
      triggerIds.add(n.id);
      if (run.trace.length > 0 || run.status !== 'queued')
        overlay.nodes[n.id] = { state: 'succeeded', note: 'event received' };
    } else if (attempts) {
      overlay.nodes[n.id] = decorationOf(attempts);
    } else if (ended) {
      overlay.nodes[n.id] = { state: 'skipped', note: 'not reached' };
    }
  }

  const ports = new Map<string, Set<string>>();
  for (const [id, attempts] of byStep) {
    ports.set(id, new Set(attempts.flatMap((a) => (a.port ? [a.port] : []))));
  }
  for (const e of graph.edges) {
    if (!byStep.has(e.target)) continue;
    const fromTrigger = triggerIds.has(e.source);
    if (fromTrigger || ports.get(e.source)?.has(e.sourceHandle ?? 'out')) overlay.edges[e.id] = 'taken';
  }
  return overlay;
}
