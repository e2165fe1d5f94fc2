/** What each rule's check is handed, and how a step and a matcher are put in words. */
import type { WorkflowDocument } from '../document';
import type { WorkflowGraph } from '../graph';
import type { PolicyContext, PolicyViolation, StepMatcher } from './schema';

/** What every rule's check is handed: the document, its graph and how to name a step. */
export interface RuleInput {
  doc: WorkflowDocument;
  graph: WorkflowGraph;
  context: PolicyContext;
  /** Ids of the steps the rule's matcher selects, sorted. */
  matching: (matcher: StepMatcher) => string[];
  /** "Block IP (block_ip)", or the id when the step has no label of its own. */
  name: (id: string) => string;
}

/** A violation before the policy's id and name are added. */
export type Finding = Omit<PolicyViolation, 'policyId' | 'policyName'>;

/** "is destructive", "is a write or destructive http step": what made the rule select the step. */
export function describeMatcher(matcher: StepMatcher): string {
  const effects = matcher.effects?.join(' or ');
  const types = matcher.types?.join(' or ');
  if (effects && types) return `is a ${effects} ${types} step`;
  if (effects) return effects === 'destructive' ? 'is destructive' : `is a ${effects} step`;
  if (types) return `is a ${types} step`;
  return 'is selected by the policy';
}

export function stepName(doc: WorkflowDocument, id: string): string {
  const label = id === doc.trigger.id ? doc.trigger.label : doc.steps[id]?.label;
  return label && label !== id ? `${label} (${id})` : id;
}
