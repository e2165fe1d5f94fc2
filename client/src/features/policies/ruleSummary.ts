/** A policy's rule in words, for the admin list: what it is about and what must hold. */
import type { GuardMatcher, PolicyRule, StepMatcher } from '@autonomic/workflow';

const or = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;

/** "destructive step", "destructive or write step of type connector or http", "step". */
export function stepsInWords(m: StepMatcher): string {
  const effect = m.effects ? `${or(m.effects)} ` : '';
  const types = m.types ? ` of type ${or(m.types)}` : '';
  return `${effect}step${types}`;
}

/** "approval (approved)", "condition on safety-lookup.autoOk (true)". */
export function guardInWords(g: GuardMatcher): string {
  const reads = g.reads ? ` on ${g.reads.type}.${g.reads.field}` : '';
  const ports = g.ports ? ` (${or(g.ports)})` : '';
  return `${g.type}${reads}${ports}`;
}

/**
 * @example ruleSummary(DEFAULT_POLICIES[0].rule)
 * // "Every path to a destructive step passes: approval (approved) or condition on safety-lookup.autoOk (true)"
 */
export function ruleSummary(rule: PolicyRule): string {
  switch (rule.kind) {
    case 'guarded':
      return `Every path to a ${stepsInWords(rule.steps)} passes: ${or(rule.guards.map(guardInWords))}`;
    case 'error-handled':
      return `Every ${stepsInWords(rule.steps)} has its “${rule.port}” port wired`;
    case 'loop-limited': {
      const max = rule.maxPerRun === undefined ? '' : ` of at most ${rule.maxPerRun}`;
      return `A ${stepsInWords(rule.steps)} inside a ${or(rule.loops)} needs the workflow’s limit per run${max}`;
    }
    case 'http-hosts': {
      const hosts = rule.allow.length === 0 ? 'no host (none is allowed yet)' : rule.allow.join(', ');
      return `An HTTP ${or(rule.methods)} goes only to: ${hosts}`;
    }
  }
}
