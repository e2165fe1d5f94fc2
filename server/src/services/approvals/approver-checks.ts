/**
 * Approvers are people and roles of the directory (issue 14 §5): an approval step naming
 * a user nobody has (the typo `bobb`), a disabled user or an unknown role is a problem at
 * save, review request and publish, on the step's `params.approvers.users.<i>` (escalation
 * levels: `params.escalation.<j>.approvers.users.<i>`). The workflow package has no
 * directory, so the server adds these to the connector checks it runs at those points.
 */
import { ROLES } from '@autonomic/api';
import { EscalationStep, StepApprovers, type Problem, type WorkflowDocument } from '@autonomic/workflow';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { listUsers } from '../../store/users';
import type { ConnectorChecks } from '../workflows/connector-checks';

interface Named {
  users: readonly string[];
  roles: readonly string[];
}

/**
 * The approvers part of an approval step's params (the document parsed them already);
 * `targetOwner` names nobody to check here: the owner is found when the task opens.
 */
const ApproverParams = z.object({ approvers: StepApprovers, escalation: z.array(EscalationStep).default([]) });

/** Each approvers group of the document's approval steps, with the path of its params. */
function approverGroups(doc: WorkflowDocument): { stepId: string; path: string; who: Named }[] {
  const out: { stepId: string; path: string; who: Named }[] = [];
  for (const [stepId, step] of Object.entries(doc.steps)) {
    if (step.type !== 'approval') continue;
    const params = ApproverParams.safeParse(step.params);
    if (!params.success) continue;
    out.push({ stepId, path: 'params.approvers', who: params.data.approvers });
    params.data.escalation.forEach((e, j) => {
      out.push({ stepId, path: `params.escalation.${j}.approvers`, who: e.approvers });
    });
  }
  return out;
}

/** The problems of a document's approvers against the directory (by username or user id). */
export function approverProblems(
  doc: WorkflowDocument,
  directory: readonly { id: string; username: string; disabled: boolean }[],
): Problem[] {
  const byName = new Map<string, { disabled: boolean }>();
  for (const u of directory) {
    byName.set(u.username, u);
    byName.set(u.id, u);
  }
  const roles: readonly string[] = ROLES;
  const problems: Problem[] = [];
  for (const { stepId, path, who } of approverGroups(doc)) {
    who.users.forEach((name, i) => {
      const user = byName.get(name);
      const message = !user ? `no user named ${name}` : user.disabled ? `user ${name} is disabled` : undefined;
      if (message) problems.push({ nodeId: stepId, path: `${path}.users.${i}`, message });
    });
    who.roles.forEach((role, i) => {
      if (!roles.includes(role)) {
        const message = `no role named ${role} (roles: ${ROLES.join(', ')})`;
        problems.push({ nodeId: stepId, path: `${path}.roles.${i}`, message });
      }
    });
  }
  return problems;
}

/** The connector checks plus the approvers' (a document without approval steps costs no query). */
export function withApproverChecks(ctx: AppContext, inner: ConnectorChecks): ConnectorChecks {
  return {
    async problems(doc) {
      const found = await inner.problems(doc);
      if (!doc || !Object.values(doc.steps).some((s) => s.type === 'approval')) return found;
      return [...found, ...approverProblems(doc, await listUsers(ctx.prisma))];
    },
  };
}
