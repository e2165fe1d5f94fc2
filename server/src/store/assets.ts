/** Asset inventory rows (kind + value unique; what the safety lookup and approval context read). */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Db } from './db';
import type { Criticality, SafetyKind } from '../generated/prisma/enums';

export interface AssetRow {
  id: string;
  kind: SafetyKind;
  value: string;
  criticality: Criticality;
  owner: string | null;
  businessService: string | null;
  tags: string[];
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
}

export type AssetData = Pick<AssetRow, 'kind' | 'value' | 'criticality' | 'owner' | 'businessService' | 'tags'>;

export interface AssetFilter {
  /** Matches value, owner or business service (case-insensitive substring), or a tag exactly. */
  q?: string;
  kind?: SafetyKind;
  owner?: string;
  businessService?: string;
  tag?: string;
}

function where(f: AssetFilter): Prisma.AssetWhereInput {
  const and: Prisma.AssetWhereInput[] = [];
  if (f.kind) and.push({ kind: f.kind });
  if (f.owner) and.push({ owner: { equals: f.owner, mode: 'insensitive' } });
  if (f.businessService) and.push({ businessService: { equals: f.businessService, mode: 'insensitive' } });
  if (f.tag) and.push({ tags: { has: f.tag } });
  if (f.q) {
    const contains = { contains: f.q, mode: 'insensitive' as const };
    and.push({ OR: [{ value: contains }, { owner: contains }, { businessService: contains }, { tags: { has: f.q } }] });
  }
  return { AND: and };
}

/**
 * One page in (value, kind) order after the row `after` (an id of the previous page:
 * Prisma's cursor, so a row added meanwhile does not shift the pages).
 * @returns the rows and whether more follow
 */
export async function listAssets(
  prisma: Db,
  filter: AssetFilter,
  page: { limit: number; after?: string },
): Promise<{ rows: AssetRow[]; more: boolean }> {
  const rows = await prisma.asset.findMany({
    where: where(filter),
    orderBy: [{ value: 'asc' }, { kind: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    ...(page.after ? { cursor: { id: page.after }, skip: 1 } : {}),
  });
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

export async function findAsset(prisma: Db, id: string): Promise<AssetRow | undefined> {
  return (await prisma.asset.findUnique({ where: { id } })) ?? undefined;
}

/**
 * The asset, its row share-locked until the transaction ends: an entry made from it and an
 * edit of it (which moves the entries referring to it) do not interleave. @returns undefined when unknown
 */
export async function findAssetForShare(prisma: Db, id: string): Promise<AssetRow | undefined> {
  await prisma.$queryRaw`SELECT id FROM assets WHERE id = ${id}::uuid FOR SHARE`;
  return findAsset(prisma, id);
}

export async function findAssetByKey(prisma: Db, kind: SafetyKind, value: string): Promise<AssetRow | undefined> {
  return (await prisma.asset.findUnique({ where: { kind_value: { kind, value } } })) ?? undefined;
}

/** @returns undefined when (kind, value) already exists */
export async function insertAsset(
  prisma: Db,
  data: AssetData & { createdById: string },
): Promise<AssetRow | undefined> {
  return uniqueOrUndefined(() => prisma.asset.create({ data }));
}

/** @returns undefined when the change collides with another asset's (kind, value) */
export async function updateAsset(prisma: Db, id: string, data: AssetData): Promise<AssetRow | undefined> {
  return uniqueOrUndefined(() => prisma.asset.update({ where: { id }, data }));
}

/** Inserts or replaces by (kind, value); @returns whether the row was new */
export async function upsertAsset(prisma: Db, data: AssetData & { createdById: string }): Promise<boolean> {
  const before = await findAssetByKey(prisma, data.kind, data.value);
  const { createdById, ...fields } = data;
  if (before) {
    await prisma.asset.update({ where: { id: before.id }, data: fields });
    return false;
  }
  await prisma.asset.create({ data: { ...fields, createdById } });
  return true;
}

export async function deleteAsset(prisma: Db, id: string): Promise<void> {
  await prisma.asset.delete({ where: { id } });
}

/** Every asset in (kind, value) order: the export and the engine's lookup. */
export async function allAssets(prisma: PrismaClient | Db): Promise<AssetRow[]> {
  return prisma.asset.findMany({ orderBy: [{ kind: 'asc' }, { value: 'asc' }] });
}

async function uniqueOrUndefined<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return undefined;
    throw e;
  }
}
