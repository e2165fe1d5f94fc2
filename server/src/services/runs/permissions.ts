/**
 * What a person may do to a run, in one place: the cancel and re-run routes refuse by
 * these rules and the run view's `youMay` is computed from the same ones, so a page
 * never offers what the server would refuse.
 */
import { runsApi, type Actor, type ErrorCode } from '@autonomic/api';
import type { RunMode, RunStatus } from '../../store/enums';

/** The facts of a run the rules read. */
export interface RunFacts {
  id: string;
  status: RunStatus;
  mode: RunMode;
  parentRunId: string | null;
  createdById: string | null;
}

export interface Refusal {
  status: 403 | 409;
  code: ErrorCode;
  message: string;
}

const ENDED: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

const allowed = (access: unknown, role: Actor['role']): boolean =>
  access === 'authenticated' || (Array.isArray(access) && access.includes(role));

/**
 * Cancelling: reviewers and admins any run, analysts the runs they started; only a run
 * that has not ended.
 */
export function cancelRefusal(actor: Actor, run: RunFacts): Refusal | null {
  if (!allowed(runsApi.cancel.access, actor.role)) {
    return { status: 403, code: 'forbidden', message: 'your role does not allow cancelling runs' };
  }
  if (actor.role === 'analyst' && run.createdById !== actor.userId) {
    return { status: 403, code: 'forbidden', message: 'analysts may cancel only the runs they started' };
  }
  if (ENDED.has(run.status))
    return { status: 409, code: 'already_ended', message: `the run has already ${run.status}` };
  return null;
}

/**
 * Re-running: whoever may start a run of the workflow (analysts and admins, the start
 * route's rule: any analyst, not only the one who started it, since a shift hands failed
 * runs over); only a failed top-level live run.
 */
export function rerunRefusal(actor: Actor, run: RunFacts): Refusal | null {
  if (!allowed(runsApi.rerun.access, actor.role)) {
    return { status: 403, code: 'forbidden', message: 'only analysts and admins re-run runs' };
  }
  if (run.mode !== 'live') {
    return {
      status: 409,
      code: 'not_rerunnable',
      message: `run ${run.id} is a simulation: simulate the version again`,
    };
  }
  if (run.parentRunId !== null) {
    return {
      status: 409,
      code: 'not_rerunnable',
      message: `run ${run.id} is a sub-workflow run: re-run its parent run ${run.parentRunId}`,
    };
  }
  if (run.status !== 'failed') {
    return {
      status: 409,
      code: 'not_failed',
      message: `run ${run.id} is ${run.status}, not failed: only a failed run is re-run`,
    };
  }
  return null;
}

/** The run view's `youMay`. */
export function youMay(actor: Actor, run: RunFacts): { cancel: boolean; rerun: boolean } {
  return { cancel: cancelRefusal(actor, run) === null, rerun: rerunRefusal(actor, run) === null };
}
