import {
  isCredentialHeader,
  REDACTED,
  targetOf as stepTarget,
  type StepTarget,
  type TargetKind,
} from '@autonomic/workflow';
import { parseAddress, parseNetwork } from '../net';
import { stepError } from '../errors';
import { performEffect } from '../perform';
import type { EffectTarget } from '../ports';
import type { StepHandler, StepContext } from './types';

/**
 * http and connector steps: render the params, check a destructive
 * action's target with the safety port and the run's blast radius, commit the attempt
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

  if (effect === 'destructive') {
    const verdict = target && ctx.env.safety ? await ctx.env.safety.check(target) : { decision: 'allow' as const };
    attempt.safety = { ...verdict };
    if (verdict.decision === 'refuse') {
      return { type: 'error', error: stepError('safety', `refused: ${verdict.reason}`, { retryable: false }) };
    }
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

/**
 * The safety lists' kind for a target kind. A CIDR is checked as an `ip` target whose value
 * is a network (the matcher refuses one that holds a protected address); a domain as a
 * host (a protected `domain` entry covers it and its subdomains; a protected host *under*
 * the target domain is not seen, unlike a network's addresses); an e-mail address as a
 * user (`user@domain`). No list protects a file hash or a URL: those are allowed, and
 * still count against the blast radius.
 */
const SAFETY_KIND: Record<StepTarget['kind'], TargetKind | undefined> = {
  ip: 'ip',
  cidr: 'ip',
  host: 'host',
  domain: 'host',
  user: 'user',
  email: 'user',
  hash: undefined,
  url: undefined,
};

function targetOf(
  ctx: StepContext,
  params: Record<string, unknown>,
): EffectTarget | { error: ReturnType<typeof stepError> } | undefined {
  const spec = stepTarget(ctx.step.def, params);
  if (!spec) return undefined;
  const raw = valueAt(params, spec.param);
  const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (value === '')
    return { error: stepError('validation', `no ${spec.kind} to act on (param "${spec.param}" is empty)`) };
  if (spec.kind === 'ip' && !parseAddress(value))
    return { error: stepError('validation', `"${value}" is not an IP address`) };
  if (spec.kind === 'cidr' && !parseNetwork(value))
    return { error: stepError('validation', `"${value}" is not a CIDR block`) };
  const kind = SAFETY_KIND[spec.kind];
  return kind ? { kind, value } : undefined;
}

/** A param by its dotted path (a connector's target is `input.<name>`). */
function valueAt(params: Record<string, unknown>, path: string): unknown {
  let cur: unknown = params;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    const obj: Record<string, unknown> = { ...cur };
    cur = Object.hasOwn(obj, key) ? obj[key] : undefined;
  }
  return cur;
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
