/** Safety list rows (protected assets, auto-OK targets). */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Db } from './db';
import type { Criticality, SafetyKind, SafetyList } from '../generated/prisma/enums';

export interface SafetyEntryRow {
  id: string;
  list: SafetyList;
  kind: SafetyKind;
  value: string;
  criticality: Criticality;
  reason: string;
  owner: string | null;
  /** The asset the entry refers to: its kind and value are the asset's (kept in step on asset edits). */
  assetId: string | null;
  createdById: string;
  createdAt: Date;
}

export type SafetyEntryData = Pick<
  SafetyEntryRow,
  'list' | 'kind' | 'value' | 'criticality' | 'reason' | 'owner' | 'assetId'
>;

export async function listSafetyEntries(
  prisma: Db,
  filter: { list?: SafetyList; kind?: SafetyKind } = {},
): Promise<SafetyEntryRow[]> {
  return prisma.safetyEntry.findMany({ where: filter, orderBy: [{ list: 'asc' }, { kind: 'asc' }, { value: 'asc' }] });
}

export async function findSafetyEntry(prisma: Db, id: string): Promise<SafetyEntryRow | undefined> {
  return (await prisma.safetyEntry.findUnique({ where: { id } })) ?? undefined;
}

/** @returns undefined when (list, kind, value) already exists */
export async function insertSafetyEntry(
  prisma: Db,
  data: SafetyEntryData & { createdById: string },
): Promise<SafetyEntryRow | undefined> {
  return uniqueOrUndefined(() => prisma.safetyEntry.create({ data }));
}

/** @returns undefined when the change collides with another entry's (list, kind, value) */
export async function updateSafetyEntry(
  prisma: Db,
  id: string,
  data: SafetyEntryData,
): Promise<SafetyEntryRow | undefined> {
  return uniqueOrUndefined(() => prisma.safetyEntry.update({ where: { id }, data }));
}

/**
 * Adds the entry, or gives the entry of the same (list, kind, value) the new criticality,
 * reason and owner (keeping the asset it refers to).
 * @returns true when a new entry was created
 */
export async function upsertSafetyEntry(
  prisma: Db,
  data: Omit<SafetyEntryData, 'assetId'> & { createdById: string },
): Promise<boolean> {
  const { list, kind, value, criticality, reason, owner, createdById } = data;
  const before = await prisma.safetyEntry.findUnique({ where: { list_kind_value: { list, kind, value } } });
  if (before) {
    await prisma.safetyEntry.update({ where: { id: before.id }, data: { criticality, reason, owner } });
    return false;
  }
  await prisma.safetyEntry.create({ data: { list, kind, value, criticality, reason, owner, createdById } });
  return true;
}

export async function deleteSafetyEntry(prisma: Db, id: string): Promise<void> {
  await prisma.safetyEntry.delete({ where: { id } });
}

/** The entries that refer to an asset, in (list, value) order. */
export async function safetyEntriesOfAsset(prisma: Db, assetId: string): Promise<SafetyEntryRow[]> {
  return prisma.safetyEntry.findMany({ where: { assetId }, orderBy: [{ list: 'asc' }, { id: 'asc' }] });
}

/** The two lists in one query, for the engine's safety port. */
export async function allSafetyEntries(prisma: PrismaClient): Promise<SafetyEntryRow[]> {
  return prisma.safetyEntry.findMany({ orderBy: { createdAt: 'asc' } });
}

async function uniqueOrUndefined<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return undefined;
    throw e;
  }
}
