/** The webhook trigger's rows: the workflow's sealed secret and trigger type, and seen signatures. */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { SealedColumns } from './secrets';

export interface WebhookTargetRow {
  sealed: SealedColumns | undefined;
  /** `document.trigger.type` of the published version; null when nothing is published. */
  triggerType: string | null;
}

/** One query for the hot path's cache miss: the sealed secret and the published trigger type. */
export async function findWebhookTarget(
  prisma: PrismaClient,
  workflowId: string,
): Promise<WebhookTargetRow | undefined> {
  const rows = await prisma.$queryRaw<
    { ciphertext: Uint8Array | null; iv: Uint8Array | null; tag: Uint8Array | null; trigger_type: string | null }[]
  >(Prisma.sql`
    SELECT w.webhook_secret_ciphertext AS ciphertext, w.webhook_secret_iv AS iv, w.webhook_secret_tag AS tag,
           v.document->'trigger'->>'type' AS trigger_type
    FROM workflows w LEFT JOIN workflow_versions v ON v.id = w.published_version_id
    WHERE w.id = ${workflowId}::uuid`);
  const row = rows[0];
  if (!row) return undefined;
  const sealed =
    row.ciphertext && row.iv && row.tag ? { ciphertext: row.ciphertext, iv: row.iv, tag: row.tag } : undefined;
  return { sealed, triggerType: row.trigger_type };
}

/**
 * Records a signature as used until `expiresAt`.
 * @returns false when it was already recorded (a replay)
 */
export async function claimWebhookNonce(
  prisma: PrismaClient,
  workflowId: string,
  nonce: string,
  expiresAt: Date,
): Promise<boolean> {
  const inserted = await prisma.$executeRaw(Prisma.sql`
    INSERT INTO webhook_nonces (workflow_id, nonce, expires_at) VALUES (${workflowId}::uuid, ${nonce}, ${expiresAt})
    ON CONFLICT DO NOTHING`);
  return inserted === 1;
}

export async function purgeWebhookNonces(prisma: PrismaClient, before: Date): Promise<number> {
  return prisma.$executeRaw(Prisma.sql`DELETE FROM webhook_nonces WHERE expires_at < ${before}`);
}

export interface WebhookOwnerRow {
  ownerId: string;
  configured: boolean;
}

export async function findWebhookOwner(
  prisma: Prisma.TransactionClient,
  workflowId: string,
): Promise<WebhookOwnerRow | undefined> {
  const row = await prisma.workflow.findUnique({
    where: { id: workflowId },
    select: { ownerId: true, webhookSecretCiphertext: true },
  });
  return row ? { ownerId: row.ownerId, configured: row.webhookSecretCiphertext !== null } : undefined;
}

export async function setWebhookSecret(
  prisma: Prisma.TransactionClient,
  workflowId: string,
  sealed: SealedColumns | null,
): Promise<void> {
  await prisma.workflow.update({
    where: { id: workflowId },
    data: {
      webhookSecretCiphertext: sealed ? Buffer.from(sealed.ciphertext) : null,
      webhookSecretIv: sealed ? Buffer.from(sealed.iv) : null,
      webhookSecretTag: sealed ? Buffer.from(sealed.tag) : null,
    },
  });
}
