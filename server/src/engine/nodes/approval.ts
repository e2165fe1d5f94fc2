import { durationMs, STEP_DEFINITIONS } from '@autonomic/workflow';
import { paramReader } from '../program';
import type { ApprovalDecisionKind, ApprovalTask, ApprovalWait, TaskOwner, Vote } from '../state';
import { guardedActions, policyApproval, policyDetail, renderTarget } from './approval-skip';
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
  const owner = p.approvers.targetOwner ? await targetOwner(ctx, p.approvers) : undefined;
  const users = [...new Set([...p.approvers.users, ...(owner?.users ?? [])])];
  const task: ApprovalTask = {
    id: `${ctx.runId}:${ctx.token.key}`,
    runId: ctx.runId,
    stepId: ctx.step.id,
    stepKey: ctx.token.key,
    message: typeof rendered === 'string' ? rendered : JSON.stringify(rendered ?? ''),
    approvers: { users, roles: p.approvers.roles },
    quorum: p.quorum,
    createdAt,
    deadline: createdAt + durationMs(p.timeout),
    onTimeout: p.onTimeout,
    escalation: p.escalation.map((e, i) => ({
      level: i + 1,
      // Nobody to ask at level 0: the first level (break glass) is reached at once.
      at: i === 0 && owner?.fallback === 'escalation' ? createdAt : createdAt + durationMs(e.after),
      approvers: e.approvers,
      breakGlass: e.breakGlass,
      ...(e.label === undefined ? {} : { label: e.label }),
    })),
    ...(owner ? { owner } : {}),
  };
  return task;
}

/**
 * The owner of the target asset: each target of the actions the step guards (as the
 * auto-OK skip finds them) is looked up in the inventory; an owner the directory knows is
 * asked as that user, another is recorded as a team. With no owner to ask, the named
 * users and roles are, and with none of those the first escalation level (the params
 * refuse `targetOwner` alone without one).
 */
async function targetOwner(ctx: StepContext, named: { users: string[]; roles: string[] }): Promise<TaskOwner> {
  const lookup = ctx.env.safety?.lookup?.bind(ctx.env.safety);
  const owners = new Set<string>();
  for (const g of lookup ? (guardedActions(ctx) ?? []) : []) {
    const target = await renderTarget(ctx, g);
    const found = target && lookup ? await lookup(target) : undefined;
    if (found?.owner) owners.add(found.owner);
  }
  const all = [...owners];
  const known = ctx.env.approvals?.directoryUsers ? await ctx.env.approvals.directoryUsers(all) : all;
  const users = all.filter((o) => known.includes(o));
  const teams = all.filter((o) => !known.includes(o));
  if (users.length > 0) return { users, teams };
  return { users, teams, fallback: named.users.length + named.roles.length > 0 ? 'named' : 'escalation' };
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
