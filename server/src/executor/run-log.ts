import type { EventSink } from '../engine';
import type { Logger } from '../log';

/**
 * Logs runs and steps as they move, every line carrying `runId` (and `stepKey`) so a
 * run can be followed with one filter. Finished steps log at debug (a busy server runs
 * thousands a second); failures at warn; run status changes at info.
 */
export function runLogSink(log: Logger): EventSink {
  return {
    emit(event) {
      if (event.type === 'run') {
        log.info({ runId: event.runId, status: event.status }, `run ${event.status}`);
        return;
      }
      const a = event.attempt;
      if (a.finishedAt === undefined) return;
      const fields = {
        runId: a.runId,
        stepKey: a.stepKey,
        stepId: a.stepId,
        nodeType: a.nodeType,
        attempt: a.attempt,
        status: a.status,
        durationMs: a.finishedAt - a.startedAt,
      };
      if (a.error) log.warn({ ...fields, error: { kind: a.error.kind, message: a.error.message } }, 'step failed');
      else log.debug(fields, 'step finished');
    },
  };
}
