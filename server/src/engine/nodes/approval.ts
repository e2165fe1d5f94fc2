import { durationMs, STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import type { ApprovalDecisionKind, ApprovalTask, ApprovalWait, Vote } from '../state';
import { policyApproval, policyDetail } from './approval-skip';
import type { StepHandler, Outcome, StepContext } from './types';

const read = paramReader(STEP_DEFINITIONS.approval.params);

/**
 * Opens a task and waits; each time the step runs again (a due escalation, the
 * deadline, a decision, a resume) it moves the task on. All port calls happen here,
 * after the wait is committed, and are safe to repeat.
 */
export const approval: StepHandler = async (ctx) => {
  const current = ctx.token.wait;
  if (current?.kind !== 'approval') {
    const skipped = await skipByPolicy(ctx);
    if (skipped) return skipped;
  }
  const w = current?.kind === 'approval' ? current.approval : await create(ctx);
  const { task } = w;
  const approvals = ctx.env.approvals;
  if (w.decision) return decided(ctx, w, w.decision);
  if (!w.opened) {
    await ctx.durable();
    await approvals?.open(task);
    w.opened = true;
    ctx.note({ type: 'opened' });
  }
  const now = ctx.now();
  for (let next = task.escalation[w.level]; next && next.at <= now; next = task.escalation[w.level]) {
    await approvals?.escalate(task, next.level);
    w.level = next.level;
    ctx.note({ type: 'escalated', level: next.level, detail: next.label ?? (next.breakGlass ? 'break glass' : '') });
  }
  if (now >= task.deadline) {
    ctx.note({ type: 'timeout', detail: task.onTimeout });
    w.decision = task.onTimeout;
    return decided(ctx, w, task.onTimeout);
  }
  return { type: 'wait', wait: { kind: 'approval', approval: w } };
};

/**
 * With `skipWhenAutoOk` on, and every target it guards auto-OK (see `policyApproval`): no
 * task is opened; the step leaves by `approved`, decided by policy, naming the entries in
 * the trace, the effects report and (live) the audit log.
 */
async function skipByPolicy(ctx: StepContext): Promise<Outcome | undefined> {
  const skip = read(ctx.step).skipWhenAutoOk;
  if (!skip?.enabled) return undefined;
  const policy = await policyApproval(ctx, skip.belowCriticality);
  if (!policy) return undefined;
  const task = await taskOf(ctx);
  const first = policy.guards[0];
  ctx.attempt.input = { message: task.message, approvers: task.approvers, quorum: task.quorum };
  if (first) ctx.attempt.target = first.target;
  const detail = policyDetail(policy);
  ctx.attempt.safety = { decision: 'auto-ok', reason: detail };
  ctx.note({ type: 'decided', by: 'policy', detail });
  await ctx.env.approvals?.skipped?.(task, policy);
  return {
    type: 'next',
    port: 'approved',
    output: { decision: 'approved', votes: [], level: 0, decidedBy: 'policy', guards: policy.guards },
  };
}

async function create(ctx: StepContext): Promise<ApprovalWait> {
  const task = await taskOf(ctx);
  const w: ApprovalWait = { task, votes: [], level: 0, opened: false };
  // Kept on the token before any port call, so the commit `durable()` makes carries it.
  ctx.token.wait = { kind: 'approval', approval: w };
  ctx.attempt.input = { message: task.message, approvers: task.approvers, quorum: task.quorum };
  return w;
}

async function taskOf(ctx: StepContext): Promise<ApprovalTask> {
  const p = read(ctx.step);
  const rendered = await ctx.render(p.message);
  const createdAt = ctx.now();
  const task: ApprovalTask = {
    id: `${ctx.runId}:${ctx.token.key}`,
    runId: ctx.runId,
    stepId: ctx.step.id,
    stepKey: ctx.token.key,
    message: typeof rendered === 'string' ? rendered : JSON.stringify(rendered ?? ''),
    approvers: p.approvers,
    quorum: p.quorum,
    createdAt,
    deadline: createdAt + durationMs(p.timeout),
    onTimeout: p.onTimeout,
    escalation: p.escalation.map((e, i) => ({
      level: i + 1,
      at: createdAt + durationMs(e.after),
      approvers: e.approvers,
      breakGlass: e.breakGlass,
      ...(e.label === undefined ? {} : { label: e.label }),
    })),
  };
  return task;
}

async function decided(ctx: StepContext, w: ApprovalWait, decision: ApprovalDecisionKind): Promise<Outcome> {
  await ctx.env.approvals?.close(w.task, decision);
  ctx.note({ type: 'decided', detail: decision });
  return { type: 'next', port: decision, output: { decision, votes: w.votes, level: w.level } };
}

/**
 * Counts a vote: one rejection rejects, `quorum` distinct approvals approve.
 * @returns the decision once there is one; throws on a second vote by the same person.
 */
export function countVote(w: ApprovalWait, vote: Vote): 'approved' | 'rejected' | undefined {
  if (w.votes.some((v) => v.by === vote.by)) throw new Error(`${vote.by} has already decided on ${w.task.id}`);
  w.votes.push(vote);
  if (vote.decision === 'rejected') return 'rejected';
  const approvals = w.votes.filter((v) => v.decision === 'approved').length;
  return approvals >= w.task.quorum ? 'approved' : undefined;
}
