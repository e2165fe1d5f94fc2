/** The webhook trigger's rows: the workflow's sealed secret and trigger type, and seen signatures. */
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { SealedColumns } from './secrets';

export interface WebhookTargetRow {
  sealed: SealedColumns | undefined;
  /** `document.trigger.type` of the published version; null when nothing is published. */
  triggerType: string | null;
  /** `document.trigger.params` of the published version (unchecked JSON); null when nothing is published. */
  triggerParams: unknown;
  /** `document.vars` of the published version (unchecked JSON). */
  vars: unknown;
}

/** One query for the hot path's cache miss: the sealed secret and the published trigger (type, params, vars). */
export async function findWebhookTarget(
  prisma: PrismaClient,
  workflowId: string,
): Promise<WebhookTargetRow | undefined> {
  const rows = await prisma.$queryRaw<
    {
      ciphertext: Uint8Array | null;
      iv: Uint8Array | null;
      tag: Uint8Array | null;
      trigger_type: string | null;
      trigger_params: unknown;
      vars: unknown;
    }[]
  >(Prisma.sql`
    SELECT w.webhook_secret_ciphertext AS ciphertext, w.webhook_secret_iv AS iv, w.webhook_secret_tag AS tag,
           v.document->'trigger'->>'type' AS trigger_type, v.document->'trigger'->'params' AS trigger_params,
           v.document->'vars' AS vars
    FROM workflows w LEFT JOIN workflow_versions v ON v.id = w.published_version_id
    WHERE w.id = ${workflowId}::uuid`);
  const row = rows[0];
  if (!row) return undefined;
  const sealed =
    row.ciphertext && row.iv && row.tag ? { ciphertext: row.ciphertext, iv: row.iv, tag: row.tag } : undefined;
  return { sealed, triggerType: row.trigger_type, triggerParams: row.trigger_params, vars: row.vars };
}

export interface NonceClaim {
  workflowId: string;
  nonce: string;
  expiresAt: Date;
}

/**
 * Records signatures as used, many in one INSERT.
 * @returns the claims that were new, as `${workflowId} ${nonce}` (the others are replays)
 */
export async function claimWebhookNonces(prisma: PrismaClient, claims: readonly NonceClaim[]): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const values = claims.map((c) => Prisma.sql`(${c.workflowId}::uuid, ${c.nonce}, ${c.expiresAt})`);
  const rows = await prisma.$queryRaw<{ key: string }[]>(Prisma.sql`
    INSERT INTO webhook_nonces (workflow_id, nonce, expires_at) VALUES ${Prisma.join(values)}
    ON CONFLICT DO NOTHING
    RETURNING workflow_id::text || ' ' || nonce AS key`);
  return new Set(rows.map((r) => r.key));
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
