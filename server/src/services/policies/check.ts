/**
 * A version checked against the enabled safety policies (issue 15 §2), joined with the
 * waivers an admin gave it: what the policy-check route answers, what the review shows,
 * and the publish gate (`assertPoliciesHold`). The defaults are inserted when missing before
 * every read, so a new organisation is checked against them from its first version.
 */
import {
  DEFAULT_POLICIES,
  evaluatePolicies,
  PolicyRule,
  type PolicyViolation,
  type SafetyPolicy,
} from '@autonomic/workflow';
import type { PolicyCheckView as PolicyCheckSchema } from '@autonomic/api';
import type { z } from 'zod';
import { AppError } from '../../errors';
import type { Db } from '../../store/db';
import { insertMissingPolicies, listPolicies, listWaivers, type PolicyRow, type WaiverRow } from '../../store/policies';
import type { VersionRecord } from '../../store/versions';
import type { WorkflowRow } from '../../store/workflows';
import { loadStored } from '../workflows/documents';

/** The contract's `PolicyCheckView`, dates as `Date`. */
export type PolicyCheck = z.input<typeof PolicyCheckSchema>;

const DEFAULT_ORDER = new Map(DEFAULT_POLICIES.map((p, i) => [p.id, i]));

/** The defaults first (in their shipped order), then the admins' own by id. */
export function policyOrder(a: Pick<PolicyRow, 'id'>, b: Pick<PolicyRow, 'id'>): number {
  const da = DEFAULT_ORDER.get(a.id) ?? Infinity;
  const db = DEFAULT_ORDER.get(b.id) ?? Infinity;
  return da !== db ? da - db : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Inserts the defaults an organisation does not have yet (at start-up); an admin's edit is kept. */
export function insertDefaultPolicies(db: Db): Promise<void> {
  return insertMissingPolicies(db, DEFAULT_POLICIES);
}

/**
 * Every policy row. A default not stored yet (a server that has not started since it
 * shipped) is read as shipped, so that reading never writes and no check goes without it.
 */
export async function policyRows(db: Db): Promise<PolicyRow[]> {
  const rows = await listPolicies(db);
  const stored = new Set(rows.map((r) => r.id));
  const shipped = DEFAULT_POLICIES.filter((p) => !stored.has(p.id)).map((p): PolicyRow => ({
    ...p,
    builtIn: true,
    updatedAt: new Date(0),
    updatedBy: null,
  }));
  return [...rows, ...shipped].sort(policyOrder);
}

/** A stored row as the evaluator takes it (a stored rule was checked when written). */
export function asPolicy(row: PolicyRow): SafetyPolicy {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    rule: PolicyRule.parse(row.rule),
  };
}

/** The violations of the version's content; none when its document does not parse (it cannot be published). */
export async function versionViolations(
  db: Db,
  workflow: Pick<WorkflowRow, 'maxDestructivePerRun'>,
  version: Pick<VersionRecord, 'document'>,
): Promise<PolicyViolation[]> {
  const doc = loadStored(version.document).parsed;
  if (!doc) return [];
  const policies = (await policyRows(db)).map(asPolicy);
  return evaluatePolicies(doc, policies, { maxDestructivePerRun: workflow.maxDestructivePerRun });
}

const waiverView = (w: WaiverRow) => ({ id: w.id, reason: w.reason, waivedBy: w.waivedBy, waivedAt: w.waivedAt });

/** The check with each violation's waiver; `blocking` while one has none. */
export async function checkVersion(
  db: Db,
  workflow: Pick<WorkflowRow, 'maxDestructivePerRun'>,
  version: Pick<VersionRecord, 'id' | 'document' | 'contentHash'>,
): Promise<PolicyCheck> {
  const violations = await versionViolations(db, workflow, version);
  const waivers = new Map((await listWaivers(db, version.id)).map((w) => [w.policyId, w]));
  const views = violations.map((v) => {
    const waiver = waivers.get(v.policyId);
    return { ...v, waiver: waiver ? waiverView(waiver) : null };
  });
  return { contentHash: version.contentHash, violations: views, blocking: views.some((v) => v.waiver === null) };
}

/**
 * The publish gate: refuses (409 `policy_violation`, details naming each policy and step)
 * a version that breaks an enabled policy no admin waived for it.
 */
export async function assertPoliciesHold(
  db: Db,
  workflow: Pick<WorkflowRow, 'maxDestructivePerRun'>,
  version: Pick<VersionRecord, 'id' | 'number' | 'document' | 'contentHash'>,
): Promise<void> {
  const check = await checkVersion(db, workflow, version);
  const open = check.violations.filter((v) => v.waiver === null);
  if (open.length === 0) return;
  const policies = [...new Set(open.map((v) => v.policyName))].join('; ');
  throw new AppError(
    409,
    'policy_violation',
    `version ${version.number} breaks safety policies no admin waived for it: ${policies}`,
    open.map((v) => ({ path: `policies.${v.policyId}.steps.${v.nodeId}`, message: v.message })),
  );
}
