/** Secret rows: names and ciphertexts. Plaintext never passes through here. */
import type { Prisma } from '../generated/prisma/client';

/** An AES-256-GCM ciphertext as stored (see services/secrets/cipher.ts). */
export interface SealedColumns {
  ciphertext: Uint8Array;
  iv: Uint8Array;
  tag: Uint8Array;
}

export interface SecretListItem {
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export async function listSecretNames(prisma: Prisma.TransactionClient): Promise<SecretListItem[]> {
  return prisma.secret.findMany({
    select: { name: true, createdAt: true, updatedAt: true },
    orderBy: { name: 'asc' },
  });
}

export async function findSealedSecret(
  prisma: Prisma.TransactionClient,
  name: string,
): Promise<SealedColumns | undefined> {
  const row = await prisma.secret.findUnique({ where: { name }, select: { ciphertext: true, iv: true, tag: true } });
  return row ?? undefined;
}

/** Creates or replaces; `created` tells which. */
export async function upsertSecret(
  prisma: Prisma.TransactionClient,
  name: string,
  sealed: SealedColumns,
): Promise<{ created: boolean; updatedAt: Date }> {
  const data = { ciphertext: Buffer.from(sealed.ciphertext), iv: Buffer.from(sealed.iv), tag: Buffer.from(sealed.tag) };
  const existing = await prisma.secret.findUnique({ where: { name }, select: { id: true } });
  const row = await prisma.secret.upsert({ where: { name }, create: { name, ...data }, update: data });
  return { created: !existing, updatedAt: row.updatedAt };
}

export async function deleteSecret(prisma: Prisma.TransactionClient, name: string): Promise<boolean> {
  const { count } = await prisma.secret.deleteMany({ where: { name } });
  return count > 0;
}
