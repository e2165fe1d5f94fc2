import type { StepTarget, TargetKind } from '@autonomic/workflow';
import { stepError } from './errors';
import { parseAddress, parseNetwork } from './net';
import type { EffectTarget } from './ports';

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

/**
 * The target a step acts on, from its rendered params: `undefined` when its kind is one no
 * list knows (a hash, a URL), an error when the value is empty or not of its kind.
 */
export function effectTarget(
  spec: StepTarget,
  params: unknown,
): EffectTarget | { error: ReturnType<typeof stepError> } | undefined {
  return targetFromValue(spec, valueAt(params, spec.param));
}

/** Like `effectTarget`, from the target's rendered value itself. */
export function targetFromValue(
  spec: StepTarget,
  raw: unknown,
): EffectTarget | { error: ReturnType<typeof stepError> } | undefined {
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

/** A param by its dotted path (a connector's target is `input.<name>`, an http step's `target.value`). */
export function valueAt(params: unknown, path: string): unknown {
  let cur: unknown = params;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    const obj: Record<string, unknown> = { ...cur };
    cur = Object.hasOwn(obj, key) ? obj[key] : undefined;
  }
  return cur;
}
