import { EngineError } from './errors';
import type { LiveRun } from './live-run';
import { countVote } from './nodes/approval';
import type { Token } from './state';

export interface Decision {
  decision: 'approved' | 'rejected';
  by: string;
  comment?: string;
  /** The escalation level the decider was asked at (0 = the first approvers). @default 0 */
  level?: number;
}

/**
 * Records a decision on an open approval task of a run. A deciding vote marks the
 * approval wait decided: the session then wakes the step, which closes the task and
 * follows the decision's port.
 * @returns the approval step's token once the vote decided the task.
 */
export function castVote(run: LiveRun, taskId: string, d: Decision): Token | undefined {
  let token: Token | undefined;
  for (const t of run.tokens()) {
    if (t.wait?.kind === 'approval' && t.wait.approval.task.id === taskId) {
      token = t;
      break;
    }
  }
  const w = token?.wait?.kind === 'approval' ? token.wait.approval : undefined;
  if (!token || !w || w.decision) throw new EngineError('not_found', `no open approval task ${taskId}`);
  let result: 'approved' | 'rejected' | undefined;
  try {
    const vote = { decision: d.decision, by: d.by, level: d.level ?? 0, at: run.now() };
    result = countVote(w, d.comment === undefined ? vote : { ...vote, comment: d.comment });
  } catch (e) {
    throw new EngineError('conflict', e instanceof Error ? e.message : String(e));
  }
  const attempt = run.trace.currentOf(token.key);
  if (attempt) run.trace.note(attempt, { type: 'vote', by: d.by, level: d.level ?? 0, detail: d.decision });
  run.markDirty();
  if (!result) return undefined;
  w.decision = result;
  return token;
}
