/** Safety policies and their per-version waivers (issue 15 §2); rules are stored as their JSON. */
import type { Prisma } from '../generated/prisma/client';
import type { Db } from './db';

export interface PolicyRow {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  /** The stored rule JSON; the service parses it with `PolicyRule`. */
  rule: Prisma.JsonValue;
  builtIn: boolean;
  updatedAt: Date;
  updatedBy: { id: string; username: string } | null;
}

export interface PolicyData {
  name: string;
  description: string;
  enabled: boolean;
  rule: object;
}

export interface WaiverRow {
  id: string;
  versionId: string;
  policyId: string;
  reason: string;
  waivedBy: { id: string; username: string };
  waivedAt: Date;
}

const person = { select: { id: true, username: true } } as const;
const policySelect = {
  id: true,
  name: true,
  description: true,
  enabled: true,
  rule: true,
  builtIn: true,
  updatedAt: true,
  updatedBy: person,
} as const;
const waiverSelect = {
  id: true,
  versionId: true,
  policyId: true,
  reason: true,
  waivedAt: true,
  waivedBy: person,
} as const;

/** Rules are plain JSON; Prisma's input type cannot say so of a parsed zod value. */
const json = (value: object) => value as Prisma.InputJsonValue;

/** Inserts the defaults that are missing; an existing row (an admin's edit) is left as it is. */
export async function insertMissingPolicies(
  db: Db,
  defaults: ReadonlyArray<PolicyData & { id: string }>,
): Promise<void> {
  await db.safetyPolicy.createMany({
    data: defaults.map((d) => ({ ...d, rule: json(d.rule), builtIn: true })),
    skipDuplicates: true,
  });
}

export async function listPolicies(db: Db): Promise<PolicyRow[]> {
  return db.safetyPolicy.findMany({ select: policySelect, orderBy: { id: 'asc' } });
}

export async function findPolicy(db: Db, id: string): Promise<PolicyRow | undefined> {
  return (await db.safetyPolicy.findUnique({ where: { id }, select: policySelect })) ?? undefined;
}

/** @returns undefined when a policy with that id exists */
export async function insertPolicy(
  db: Db,
  policy: PolicyData & { id: string },
  by: string,
  at: Date,
): Promise<PolicyRow | undefined> {
  const inserted = await db.safetyPolicy.createManyAndReturn({
    data: [{ ...policy, rule: json(policy.rule), builtIn: false, updatedById: by, updatedAt: at }],
    skipDuplicates: true,
    select: { id: true },
  });
  return inserted.length === 0 ? undefined : findPolicy(db, policy.id);
}

export async function updatePolicy(
  db: Db,
  id: string,
  data: Partial<PolicyData>,
  by: string,
  at: Date,
): Promise<PolicyRow> {
  return db.safetyPolicy.update({
    where: { id },
    data: { ...data, ...(data.rule ? { rule: json(data.rule) } : {}), updatedById: by, updatedAt: at },
    select: policySelect,
  });
}

/** Row-locks the policy until the transaction ends (two edits of one policy audit in turn). */
export async function lockPolicy(db: Db, id: string): Promise<void> {
  await db.$queryRaw`SELECT id FROM safety_policies WHERE id = ${id} FOR UPDATE`;
}

export async function deletePolicy(db: Db, id: string): Promise<void> {
  await db.safetyPolicy.delete({ where: { id } });
}

export async function listWaivers(db: Db, versionId: string): Promise<WaiverRow[]> {
  return db.policyWaiver.findMany({ where: { versionId }, select: waiverSelect, orderBy: { policyId: 'asc' } });
}

/** @returns undefined when the policy is already waived for that version */
export async function insertWaiver(
  db: Db,
  waiver: { versionId: string; policyId: string; reason: string; waivedById: string; waivedAt: Date },
): Promise<WaiverRow | undefined> {
  const inserted = await db.policyWaiver.createManyAndReturn({
    data: [waiver],
    skipDuplicates: true,
    select: waiverSelect,
  });
  return inserted[0];
}
