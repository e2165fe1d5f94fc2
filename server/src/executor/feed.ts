/** The engine's event feed into the RunEvents bus (and extra sinks), and the recently ended runs. */
import { TERMINAL, type EventSink, type RunStatus, type RunSummary } from '../engine';
import { dbRunId } from '../store/runs-ids';
import type { RunEvents, StepEvent } from './events';

export function feedEvents(
  events: RunEvents,
  workflowOf: (runId: string) => string | undefined,
  sinks: readonly EventSink[],
): EventSink {
  return {
    emit(e) {
      for (const s of sinks) s.emit(e);
      if (e.type !== 'attempt' || events.listenerCount('step') === 0) return;
      const a = e.attempt;
      const step: StepEvent = {
        runId: dbRunId(a.runId),
        stepId: a.stepId,
        stepKey: a.stepKey,
        nodeType: a.nodeType,
        attempt: a.attempt,
        status: a.status,
        startedAt: a.startedAt,
      };
      const workflowId = workflowOf(a.runId);
      if (workflowId !== undefined) step.workflowId = workflowId;
      if (a.finishedAt !== undefined) step.finishedAt = a.finishedAt;
      if (a.port !== undefined) step.port = a.port;
      if (a.error !== undefined) step.error = a.error;
      events.emit('step', step);
    },
  };
}

/**
 * Summaries of runs that ended lately, by row id: a webhook that waits for its run finds
 * it here when the run ended before the wait began (no database read on the hot path).
 */
export class RecentRuns {
  private readonly ended = new Map<string, RunSummary>();

  constructor(private readonly capacity = 5_000) {}

  note(dbId: string, summary: RunSummary): void {
    if (!TERMINAL.has(summary.status)) return;
    this.ended.set(dbId, summary);
    if (this.ended.size > this.capacity) {
      const oldest = this.ended.keys().next().value;
      if (oldest !== undefined) this.ended.delete(oldest);
    }
  }

  /** Another process ended a run: only its status is known (the row has the rest). */
  noteRemote(dbId: string, status: RunStatus): void {
    if (TERMINAL.has(status)) this.ended.delete(dbId);
  }

  get(dbId: string): RunSummary | undefined {
    return this.ended.get(dbId);
  }
}
