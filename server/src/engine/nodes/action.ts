import { isCredentialHeader, REDACTED, targetOf as stepTarget } from '@autonomic/workflow';
import { stepError } from '../errors';
import { effectTarget } from '../targets';
import { performEffect } from '../perform';
import type { EffectTarget, SafetyVerdict } from '../ports';
import type { SafetyRecord } from '../state';
import type { StepHandler, StepContext } from './types';

/**
 * http and connector steps: render the params, check the target of a destructive action
 * or of a write that declares one with the safety port, a destructive one against the
 * run's blast radius, commit the attempt
 * (for anything that writes), then call the effects port with a timeout.
 */
export const action: StepHandler = async (ctx) => {
  const { step, attempt, token } = ctx;
  const params = await ctx.renderParams();
  const effect = step.def.effect(params);
  attempt.input = traced(params);
  attempt.effect = effect;
  const target = targetOf(ctx, params);
  if (target && 'error' in target) return { type: 'error', error: target.error };
  if (target) attempt.target = target;

  // One guard for every outside effect: any write that declares a target (a connector
  // action's, an http write's) is checked like a destructive one; only destructive
  // actions count against the blast radius.
  if (effect === 'destructive' || (effect === 'write' && target)) {
    const verdict = target && ctx.env.safety ? await ctx.env.safety.check(target) : { decision: 'allow' as const };
    attempt.safety = safetyRecord(verdict);
    if (verdict.decision === 'refuse') {
      return { type: 'error', error: stepError('safety', `refused: ${verdict.reason}`, { retryable: false }) };
    }
  }
  if (effect === 'destructive') {
    if (!ctx.claimDestructive()) {
      const reason = `blast radius: more than ${ctx.env.limits.maxDestructivePerRun} destructive actions in one run`;
      attempt.safety = { decision: 'refuse', reason, criticality: 'high' };
      return { type: 'error', error: stepError('safety', `refused: ${reason}`, { retryable: false }) };
    }
  }
  // Anything that changes the world is recorded as started before it is sent.
  if (effect === 'write' || effect === 'destructive') await ctx.durable();

  const idempotencyKey = `${ctx.runId}:${token.key}:${token.attempt}`;
  attempt.idempotencyKey = idempotencyKey;
  const request = {
    runId: ctx.runId,
    stepId: step.id,
    stepKey: token.key,
    nodeType: step.type,
    effect,
    params,
    idempotencyKey,
    attempt: token.attempt,
    ...(target ? { target } : {}),
    ...(token.path.length > 0 ? { itemIndex: token.path[token.path.length - 1] } : {}),
  };
  const timeoutMs = step.timeoutMs ?? ctx.env.limits.actionTimeoutMs;
  const result = await performEffect(ctx.env, request, timeoutMs, ctx.controller());
  return result.ok ? { type: 'next', output: result.output, port: 'out' } : { type: 'error', error: result.error };
};

function targetOf(
  ctx: StepContext,
  params: Record<string, unknown>,
): EffectTarget | { error: ReturnType<typeof stepError> } | undefined {
  const spec = stepTarget(ctx.step.def, params);
  return spec ? effectTarget(spec, params) : undefined;
}

/** The verdict as the trace keeps it: the decision, and the reason and criticality when there are. */
function safetyRecord(v: SafetyVerdict): SafetyRecord {
  if (v.decision === 'allow') return { decision: 'allow' };
  return {
    decision: v.decision,
    ...(v.reason === undefined ? {} : { reason: v.reason }),
    ...(v.criticality === undefined ? {} : { criticality: v.criticality }),
  };
}

/**
 * The params as the trace keeps them: a credential header a playbook wrote into `headers`
 * (rather than `auth` with a secret) is sent, but its value is not stored.
 */
function traced(params: Record<string, unknown>): Record<string, unknown> {
  const headers = params.headers;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return params;
  const kept = Object.entries(headers).map(([k, v]) => [k, isCredentialHeader(k) ? REDACTED : v]);
  return { ...params, headers: Object.fromEntries(kept) };
}
