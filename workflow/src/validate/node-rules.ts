import { isRecord, type Problem } from '../problem';
import { cronProblem } from './cron';
import type { DocumentView, NodeView } from './view';

/**
 * Rules of one node type that a schema cannot state. They read valid params only: an
 * invalid one is already a schema problem, and a second message about it is noise.
 */
type NodeRule = (node: NodeView) => Problem[];

const approvalQuorum: NodeRule = (node) => {
  const approvers = isRecord(node.params) ? node.params['approvers'] : undefined;
  const quorum = isRecord(node.params) ? node.params['quorum'] : undefined;
  if (!isRecord(approvers) || typeof quorum !== 'number') return [];
  // The target's owners are known only when the task opens: they may reach the quorum.
  if (approvers['targetOwner'] === true) return [];
  const users = Array.isArray(approvers['users']) ? approvers['users'].length : 0;
  const roles = Array.isArray(approvers['roles']) ? approvers['roles'].length : 0;
  if (roles > 0 || quorum <= users) return [];
  const message = `a quorum of ${quorum} can never be reached: only ${users} named user${users === 1 ? '' : 's'} and no role`;
  return [{ nodeId: node.id, path: 'params.quorum', message }];
};

const timeZones = new Map<string, boolean>();

/** Whether the runtime knows the zone; asked once per name. */
function isTimeZone(zone: string): boolean {
  if (!timeZones.has(zone)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      timeZones.set(zone, true);
    } catch {
      timeZones.set(zone, false);
    }
  }
  return timeZones.get(zone) ?? false;
}

const schedule: NodeRule = (node) => {
  if (!isRecord(node.params)) return [];
  const { cron, timezone } = node.params;
  const problems: Problem[] = [];
  const problem = typeof cron === 'string' ? cronProblem(cron) : undefined;
  if (problem) problems.push({ nodeId: node.id, path: 'params.cron', message: problem });
  if (typeof timezone === 'string' && !isTimeZone(timezone)) {
    problems.push({ nodeId: node.id, path: 'params.timezone', message: `unknown time zone "${timezone}"` });
  }
  return problems;
};

const RULES: ReadonlyMap<string, NodeRule> = new Map([
  ['approval', approvalQuorum],
  ['trigger.schedule', schedule],
]);

export function nodeRuleProblems(view: DocumentView): Problem[] {
  const nodes = [...(view.trigger ? [view.trigger] : []), ...view.steps.values()];
  return nodes.flatMap((node) => (node.valid ? (RULES.get(node.type)?.(node) ?? []) : []));
}
