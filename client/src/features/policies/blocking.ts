/** Words for a version's policy check: what blocks publishing, and which violation's path to draw. */
import type { PolicyCheckView, PolicyViolationView } from '@autonomic/api';

/** The policies a version breaks with no waiver, each once, in the check's order. */
export function unwaivedPolicies(check: PolicyCheckView): { id: string; name: string; steps: string[] }[] {
  const byId = new Map<string, { id: string; name: string; steps: string[] }>();
  for (const v of check.violations) {
    if (v.waiver) continue;
    const entry = byId.get(v.policyId) ?? { id: v.policyId, name: v.policyName, steps: [] };
    entry.steps.push(v.nodeId);
    byId.set(v.policyId, entry);
  }
  return [...byId.values()];
}

/**
 * Why publishing is refused, or null when it is not: "Publishing is blocked by 1 safety
 * policy: Destructive actions are approved or auto-OK (block_ip)."
 */
export function blockedText(check: PolicyCheckView | null): string | null {
  if (!check?.blocking) return null;
  const open = unwaivedPolicies(check);
  const list = open.map((p) => `${p.name} (${p.steps.join(', ')})`).join('; ');
  return `Publishing is blocked by ${open.length} safety polic${open.length === 1 ? 'y' : 'ies'}: ${list}.`;
}

/** Violations by policy, for one heading (and one waiver) per policy. */
export function byPolicy(violations: readonly PolicyViolationView[]): PolicyViolationView[][] {
  const groups = new Map<string, PolicyViolationView[]>();
  for (const v of violations) groups.set(v.policyId, [...(groups.get(v.policyId) ?? []), v]);
  return [...groups.values()];
}
