import { z } from 'zod';
import { contains, parseAddress, parseNetwork, type Address, type Network } from './net';
import type { EffectTarget, SafetyPort, SafetyVerdict } from './ports';
import { SafetyAsset } from './asset-schema';

export const Criticality = z.enum(['low', 'medium', 'high', 'critical']);
export type Criticality = z.infer<typeof Criticality>;

export const SafetyEntry = z
  .object({
    kind: z.enum(['ip', 'cidr', 'host', 'user', 'domain']),
    value: z.string().trim().min(1).max(512),
    criticality: Criticality,
    reason: z.string().min(1).max(500),
    owner: z.string().max(128).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.kind === 'ip' && !parseAddress(e.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'not an IP address' });
    if (e.kind === 'cidr' && !parseNetwork(e.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'not a CIDR block' });
  });
export type SafetyEntry = z.infer<typeof SafetyEntry>;

/** What must never be touched automatically, and what may be without asking. */
export const SafetyList = z
  .object({
    protected: z.array(SafetyEntry).max(100_000).default([]),
    autoOk: z.array(SafetyEntry).max(100_000).default([]),
    /** The asset inventory, for the safety lookup step (criticality, owner of a target). */
    assets: z.array(SafetyAsset).max(100_000).optional(),
  })
  .strict();
export type SafetyList = z.infer<typeof SafetyList>;

type Matcher = (target: EffectTarget) => boolean;
const RANK: Record<Criticality, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * A pure matcher over one entry. ip: exact (v4 and v6); cidr: containment; host:
 * case-insensitive, trailing dot ignored; user: case-insensitive, `DOMAIN\user` and
 * `user@domain` understood; domain: the domain or any subdomain of it, for hosts and
 * for users' domains.
 *
 * An `ip` target may be a network (a connector's CIDR target, `10.0.0.0/24`). A protected
 * entry matches when it `touches` the network (an address inside it, a range overlapping
 * it: acting on the network acts on them); an auto-OK entry only when it `covers` all of
 * it, so one auto-OK address never clears a whole range. A plain address is its own /32
 * (/128), for which both mean the same.
 * @default scope 'touches'
 */
export function entryMatcher(entry: SafetyEntry, scope: 'touches' | 'covers' = 'touches'): Matcher {
  switch (entry.kind) {
    case 'ip': {
      const a = parseAddress(entry.value);
      const test = (n: Network, e: Address) => contains(n, e) && (scope === 'touches' || n.prefix === bits(n));
      return (t) => t.kind === 'ip' && a !== undefined && withNetwork(t.value, (n) => test(n, a));
    }
    case 'cidr': {
      const net: Network | undefined = parseNetwork(entry.value);
      // Two networks overlap exactly when the wider one holds the other's address.
      const test = (n: Network, e: Network) =>
        scope === 'touches' ? contains(e, n) || contains(n, e) : n.prefix >= e.prefix && contains(e, n);
      return (t) => t.kind === 'ip' && net !== undefined && withNetwork(t.value, (n) => test(n, net));
    }
    case 'host': {
      const h = hostName(entry.value);
      return (t) => t.kind === 'host' && hostName(t.value) === h;
    }
    case 'user': {
      const u = userName(entry.value);
      return (t) => t.kind === 'user' && sameUser(u, userName(t.value));
    }
    case 'domain': {
      const d = hostName(entry.value);
      const under = (name: string | undefined) => name !== undefined && (name === d || name.endsWith(`.${d}`));
      return (t) =>
        (t.kind === 'host' && under(hostName(t.value))) || (t.kind === 'user' && under(userName(t.value).domain));
    }
  }
}

/** Checks a target against a list: protected (the most critical match) wins over auto-OK. */
export function checkTarget(list: SafetyList, target: EffectTarget): SafetyVerdict {
  return compileList(list)(target);
}

/** A SafetyPort over a list; the entries are parsed once. */
export function createSafetyPort(list: SafetyList): SafetyPort {
  const check = compileList(list);
  return { check: async (target) => check(target) };
}

function compileList(list: SafetyList): (target: EffectTarget) => SafetyVerdict {
  const prot = list.protected.map((e) => ({ e, m: entryMatcher(e) }));
  const ok = list.autoOk.map((e) => ({ e, m: entryMatcher(e, 'covers') }));
  return (target) => {
    let worst: SafetyEntry | undefined;
    for (const { e, m } of prot) if (m(target) && (!worst || RANK[e.criticality] > RANK[worst.criticality])) worst = e;
    if (worst) {
      const owner = worst.owner ? ` (owner: ${worst.owner})` : '';
      return {
        decision: 'refuse',
        reason: `${target.value} is protected: ${worst.reason}${owner}`,
        criticality: worst.criticality,
      };
    }
    // The most critical matching entry speaks, so "below criticality X" errs towards asking.
    let e: SafetyEntry | undefined;
    for (const o of ok) if (o.m(target) && (!e || RANK[o.e.criticality] > RANK[e.criticality])) e = o.e;
    if (!e) return { decision: 'allow' };
    return { decision: 'auto-ok', reason: e.reason, criticality: e.criticality, entry: `${e.kind} ${e.value}` };
  };
}

const bits = (n: Network) => (n.family === 4 ? 32 : 128);

/** The target as a network: a plain address is its own /32 (or /128), so `contains` is equality. */
function withNetwork(text: string, test: (n: Network) => boolean): boolean {
  const n = parseNetwork(text);
  return n !== undefined && test(n);
}

function hostName(s: string): string {
  return s.trim().toLowerCase().replace(/\.$/, '');
}

interface UserName {
  name: string;
  domain?: string;
}

function userName(s: string): UserName {
  const v = s.trim().toLowerCase();
  const slash = v.indexOf('\\');
  if (slash >= 0) return { name: v.slice(slash + 1), domain: v.slice(0, slash) };
  const at = v.lastIndexOf('@');
  if (at > 0) return { name: v.slice(0, at), domain: hostName(v.slice(at + 1)) };
  return { name: v };
}

/**
 * Same account: same name, and domains that agree when both are given. `CORP` agrees
 * with `corp.example.com` (a NetBIOS name is the first label of the DNS domain). A name
 * without a domain matches any domain: for a protected account, erring towards a match
 * is the safe side.
 */
function sameUser(a: UserName, b: UserName): boolean {
  if (a.name !== b.name) return false;
  if (a.domain === undefined || b.domain === undefined) return true;
  const first = (d: string) => d.split('.')[0];
  return a.domain === b.domain || first(a.domain) === b.domain || a.domain === first(b.domain);
}
