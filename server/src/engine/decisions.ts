import { EngineError } from './errors';
import { countVote } from './nodes/approval';
import type { RunSession } from './session';

export interface Decision {
  decision: 'approved' | 'rejected';
  by: string;
  comment?: string;
  /** The escalation level the decider was asked at (0 = the first approvers). @default 0 */
  level?: number;
}

/**
 * Records a decision on an open approval task of a session. A deciding vote wakes the
 * approval step, which closes the task and follows the decision's port.
 */
export function decide(s: RunSession, taskId: string, d: Decision): void {
  const token = [...s.tokens.values()].find((t) => t.wait?.kind === 'approval' && t.wait.approval.task.id === taskId);
  const w = token?.wait?.kind === 'approval' ? token.wait.approval : undefined;
  if (!token || !w || w.decision) throw new EngineError('not_found', `no open approval task ${taskId}`);
  let result: 'approved' | 'rejected' | undefined;
  try {
    const vote = { decision: d.decision, by: d.by, level: d.level ?? 0, at: s.now() };
    result = countVote(w, d.comment === undefined ? vote : { ...vote, comment: d.comment });
  } catch (e) {
    throw new EngineError('conflict', e instanceof Error ? e.message : String(e));
  }
  const attempt = s.trace.current.get(token.key);
  if (attempt) s.trace.note(attempt, { type: 'vote', by: d.by, level: d.level ?? 0, detail: d.decision });
  s.committer.markDirty();
  if (!result) return;
  w.decision = result;
  if (s.driving && token.phase === 'waiting') s.schedule(token);
}
