import { targetOf } from '@autonomic/workflow';
import type { EffectTarget, GuardedTarget, PolicyApproval, SafetyPort } from '../ports';
import type { PreparedStep } from '../program';
import { targetFromValue, valueAt } from '../targets';
import type { StepContext } from './types';

const RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;
type Criticality = keyof typeof RANK;

/** A guarded action as the graph shows it, before its target is rendered. */
export interface Guarded {
  step: PreparedStep;
  effect: 'write' | 'destructive';
  params: unknown;
}

/**
 * Whether policy approves this approval step without asking: every action it guards (the
 * write and destructive steps reachable from `approved` before the next approval) names a
 * target that renders in the current scope, is auto-OK and not protected and, with
 * `below`, every matching entry is less critical than that. Anything it cannot see for
 * sure (no guarded action, a target it cannot render yet, a step whose params do not
 * parse, a sub-workflow whose actions live elsewhere) keeps the approval: `undefined`.
 */
export async function policyApproval(ctx: StepContext, below?: Criticality): Promise<PolicyApproval | undefined> {
  const safety = ctx.env.safety;
  if (!safety) return undefined;
  const guarded = guardedActions(ctx);
  if (!guarded || guarded.length === 0) return undefined;
  const guards: GuardedTarget[] = [];
  for (const g of guarded) {
    const guard = await checkGuard(ctx, safety, g, below);
    if (!guard) return undefined;
    guards.push(guard);
  }
  return { guards };
}

/** The write/destructive steps reachable from `approved`, stopping at the next approval; undefined when one is opaque. */
export function guardedActions(ctx: StepContext): Guarded[] | undefined {
  const found: Guarded[] = [];
  const seen = new Set<string>();
  const queue = [...(ctx.step.transitions.approved ?? [])];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id) || id === ctx.step.id) continue;
    seen.add(id);
    const step = ctx.peer(id);
    if (!step) return undefined;
    if (step.type === 'approval') continue;
    // A child workflow's actions are not in this graph: what it would do cannot be judged here.
    if (step.type === 'subworkflow') return undefined;
    const parsed = step.def.params.safeParse(step.rawParams);
    if (!parsed.success) return undefined;
    const effect = step.def.effect(parsed.data);
    if (effect === 'write' || effect === 'destructive') found.push({ step, effect, params: parsed.data });
    for (const targets of Object.values(step.transitions)) queue.push(...targets);
  }
  return found;
}

async function checkGuard(
  ctx: StepContext,
  safety: SafetyPort,
  g: Guarded,
  below: Criticality | undefined,
): Promise<GuardedTarget | undefined> {
  const target = await renderTarget(ctx, g);
  if (!target) return undefined;
  const verdict = await safety.check(target);
  if (verdict.decision !== 'auto-ok' || verdict.entry === undefined) return undefined;
  if (below && (verdict.criticality === undefined || RANK[verdict.criticality] >= RANK[below])) return undefined;
  return {
    stepId: g.step.id,
    effect: g.effect,
    target,
    entry: verdict.entry,
    ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    ...(verdict.criticality === undefined ? {} : { criticality: verdict.criticality }),
  };
}

/** A guarded action's declared target rendered in the current scope; undefined when it has none or it does not render yet. */
export async function renderTarget(ctx: StepContext, g: Guarded): Promise<EffectTarget | undefined> {
  const spec = targetOf(g.step.def, g.params);
  if (!spec) return undefined;
  const written = valueAt(g.params, spec.param);
  let value: unknown = written;
  if (typeof written === 'string') {
    try {
      value = await ctx.render(written);
    } catch {
      return undefined; // not evaluable in this scope yet (a later step's output, a loop item)
    }
  }
  const target = targetFromValue(spec, value);
  return !target || 'error' in target ? undefined : target;
}

/** "auto-ok: approval skipped — block on ip 10.0.0.7 (auto-OK ip 10.0.0.0/24: lab range)". */
export function policyDetail(policy: PolicyApproval): string {
  const each = policy.guards.map(
    (g) => `${g.stepId} on ${g.target.kind} ${g.target.value} (auto-OK ${g.entry}${g.reason ? `: ${g.reason}` : ''})`,
  );
  return `auto-ok: approval skipped — ${each.join('; ')}`;
}
