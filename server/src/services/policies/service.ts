/**
 * Safety policies (issue 15 §2): every signed-in user reads them and a version's check;
 * admins add, edit, switch off and delete them (a default can be edited or switched off,
 * never deleted) and waive one for one version with a reason. Every change is audited in
 * its transaction: `policy.created`, `policy.updated` (reason, before and after),
 * `policy.deleted`, `policy.waived`. A waiver changes no content, so a version's approval
 * stands.
 */
import type { AppContext } from '../../context';
import type { Actor, CreateSafetyPolicy, SafetyPolicyView, UpdateSafetyPolicy, WaivePolicyBody } from '@autonomic/api';
import { DEFAULT_POLICIES } from '@autonomic/workflow';
import type { z } from 'zod';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors';
import { transaction, type Db } from '../../store/db';
import {
  deletePolicy,
  findPolicy,
  insertMissingPolicies,
  insertPolicy,
  insertWaiver,
  lockPolicy,
  updatePolicy,
  type PolicyData,
  type PolicyRow,
} from '../../store/policies';
import { recordAudit } from '../audit';
import { workflowAndVersion } from '../workflows/lookup';
import { checkVersion, policyRows, versionViolations, type PolicyCheck } from './check';

/** The contract's `SafetyPolicyView`, dates as `Date`. */
export type PolicyView = z.input<typeof SafetyPolicyView>;

const view = (row: PolicyRow): PolicyView => ({
  id: row.id,
  name: row.name,
  description: row.description,
  enabled: row.enabled,
  rule: row.rule as PolicyView['rule'],
  builtIn: row.builtIn,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

/** What an audit line keeps of a policy. */
const content = (row: PolicyRow) => ({
  name: row.name,
  description: row.description,
  enabled: row.enabled,
  rule: row.rule,
});

export function createPolicyService(ctx: AppContext) {
  const { prisma } = ctx;
  const now = () => new Date(ctx.clock.now());

  async function existing(tx: Db, id: string): Promise<PolicyRow> {
    await insertMissingPolicies(tx, DEFAULT_POLICIES);
    await lockPolicy(tx, id);
    const row = await findPolicy(tx, id);
    if (!row) throw new NotFoundError(`safety policy ${id}`);
    return row;
  }

  async function list(): Promise<{ policies: PolicyView[] }> {
    return { policies: (await policyRows(prisma)).map(view) };
  }

  async function create(
    input: CreateSafetyPolicy & { description: string; enabled: boolean },
    actor: Actor,
  ): Promise<PolicyView> {
    return transaction(prisma, async (tx) => {
      await insertMissingPolicies(tx, DEFAULT_POLICIES);
      const data: PolicyData = {
        name: input.name,
        description: input.description,
        enabled: input.enabled,
        rule: input.rule,
      };
      const row = await insertPolicy(tx, { id: input.id, ...data }, actor.userId, now());
      if (!row) throw new ConflictError(`a safety policy "${input.id}" already exists`, 'policy_exists');
      await recordAudit(tx, {
        actor,
        action: 'policy.created',
        targetType: 'safety_policy',
        targetId: row.id,
        details: { after: content(row) },
      });
      return view(row);
    });
  }

  async function update(id: string, patch: UpdateSafetyPolicy & { reason: string }, actor: Actor): Promise<PolicyView> {
    const { reason, ...fields } = patch;
    return transaction(prisma, async (tx) => {
      const before = await existing(tx, id);
      const data: Partial<PolicyData> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const after = await updatePolicy(tx, id, data, actor.userId, now());
      await recordAudit(tx, {
        actor,
        action: 'policy.updated',
        targetType: 'safety_policy',
        targetId: id,
        details: { reason, builtIn: before.builtIn, before: content(before), after: content(after) },
      });
      return view(after);
    });
  }

  async function remove(id: string, actor: Actor): Promise<void> {
    await transaction(prisma, async (tx) => {
      const row = await existing(tx, id);
      if (row.builtIn) {
        throw new ConflictError(
          `"${row.name}" (${id}) is a default policy: it can be switched off, not deleted`,
          'policy_builtin',
        );
      }
      await deletePolicy(tx, id);
      await recordAudit(tx, {
        actor,
        action: 'policy.deleted',
        targetType: 'safety_policy',
        targetId: id,
        details: { before: content(row) },
      });
    });
  }

  async function check(ref: string, number: number): Promise<PolicyCheck> {
    const { workflow, version } = await workflowAndVersion(prisma, ref, number);
    return checkVersion(prisma, workflow, version);
  }

  async function waive(ref: string, number: number, body: WaivePolicyBody, actor: Actor): Promise<PolicyCheck> {
    return transaction(prisma, async (tx) => {
      const { workflow, version } = await workflowAndVersion(tx, ref, number);
      const policy = (await policyRows(tx)).find((p) => p.id === body.policyId);
      const field = (message: string) => [{ path: 'body.policyId', message }];
      if (!policy) throw new ValidationError('unknown safety policy', field(`no safety policy ${body.policyId}`));
      const broken = (await versionViolations(tx, workflow, version)).filter((v) => v.policyId === policy.id);
      if (broken.length === 0) {
        const why = policy.enabled ? 'holds for this version' : 'is switched off';
        const message = `"${policy.name}" ${why}: there is nothing to waive`;
        throw new AppError(409, 'policy_not_violated', message, field(message));
      }
      const waiver = await insertWaiver(tx, {
        versionId: version.id,
        policyId: policy.id,
        reason: body.reason,
        waivedById: actor.userId,
        waivedAt: now(),
      });
      if (!waiver) {
        const message = `"${policy.name}" is already waived for version ${number}`;
        throw new AppError(409, 'conflict', message, field(message));
      }
      await recordAudit(tx, {
        actor,
        action: 'policy.waived',
        targetType: 'workflow_version',
        targetId: version.id,
        afterHash: version.contentHash,
        details: {
          workflowId: workflow.id,
          number,
          policyId: policy.id,
          policyName: policy.name,
          reason: body.reason,
          nodes: broken.map((v) => v.nodeId),
        },
      });
      return checkVersion(tx, workflow, version);
    });
  }

  return { list, create, update, remove, check, waive };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
