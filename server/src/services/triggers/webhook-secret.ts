import type { AppContext } from '../../context';
import type { Actor } from '@autonomic/api';
import { ForbiddenError, NotFoundError } from '../../errors';
import { transaction } from '../../store/db';
import { findPublishedTrigger } from '../../store/trigger-status';
import { findWebhookOwner, setWebhookSecret } from '../../store/webhooks';
import { recordAudit } from '../audit';
import type { Cipher } from '../secrets';
import { DEFAULT_EXAMPLE_EVENT, exampleEvent } from './example-event';
import { DELIVERY_HEADER, generateWebhookSecret, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';
import { sendTestDelivery } from './test-delivery';
import { triggerStatus } from './trigger-status';
import { webhookContext, type WebhookService } from './webhook-service';

/** A shell word in single quotes (a quote inside becomes '\''). */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A ready-to-paste shell recipe for a signed delivery (the README's, with the values
 * filled in): the body is `event` as compact JSON, exactly the bytes signed and sent.
 * Single quotes around the secret and URL: neither contains one.
 */
export function signedCurlExample(url: string, secret: string, event: unknown = DEFAULT_EXAMPLE_EVENT): string {
  return [
    `secret='${secret}'`,
    `body=${shellQuote(JSON.stringify(event))}`,
    'ts=$(date +%s)',
    `sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')`,
    `curl -sS -X POST '${url}' -H 'Content-Type: application/json' \\`,
    `  -H "${TIMESTAMP_HEADER}: $ts" -H "${SIGNATURE_HEADER}: sha256=$sig" --data "$body"`,
  ].join('\n');
}

/** Owner or admin may manage a workflow's webhook secret (and send it a test event). */
async function ownedWorkflow(ctx: AppContext, workflowId: string, actor: Actor) {
  const wf = await findWebhookOwner(ctx.prisma, workflowId);
  if (!wf) throw new NotFoundError('workflow');
  if (wf.ownerId !== actor.userId && actor.role !== 'admin') {
    throw new ForbiddenError('only the workflow owner or an admin manages its webhook secret');
  }
  return wf;
}

export function createWebhookSecrets(ctx: AppContext, deps: { cipher: Cipher; webhooks: WebhookService }) {
  return {
    /** Generates (or replaces) the secret; the only time it is ever shown. The old one stops working at once here. */
    async rotate(workflowId: string, actor: Actor, url: string) {
      const wf = await ownedWorkflow(ctx, workflowId, actor);
      const secret = generateWebhookSecret();
      const sealed = deps.cipher.seal(secret, webhookContext(workflowId));
      await transaction(ctx.prisma, async (tx) => {
        await setWebhookSecret(tx, workflowId, sealed);
        await recordAudit(tx, {
          actor,
          action: wf.configured ? 'workflow.webhook_secret_rotated' : 'workflow.webhook_secret_created',
          targetType: 'workflow',
          targetId: workflowId,
        });
      });
      deps.webhooks.invalidate(workflowId);
      return {
        url,
        secret,
        headers: { timestamp: TIMESTAMP_HEADER, signature: SIGNATURE_HEADER, delivery: DELIVERY_HEADER },
        example: signedCurlExample(
          url,
          secret,
          exampleEvent((await findPublishedTrigger(ctx.prisma, workflowId))?.inputSchema),
        ),
      };
    },
    /** Signs an event with the secret and delivers it through the webhook intake: the run it started. */
    async sendTest(workflowId: string, actor: Actor, event: unknown) {
      await ownedWorkflow(ctx, workflowId, actor);
      return sendTestDelivery(ctx, deps, { workflowId, actor, ...(event === undefined ? {} : { event }) });
    },
    /** How the published version starts, for the settings page (anyone who may see the workflow). */
    trigger: (workflowId: string) => triggerStatus(ctx, workflowId),
    /** Turns the webhook trigger off: every delivery is refused until a new secret is made. */
    async remove(workflowId: string, actor: Actor) {
      const wf = await ownedWorkflow(ctx, workflowId, actor);
      if (!wf.configured) throw new NotFoundError('webhook secret');
      await transaction(ctx.prisma, async (tx) => {
        await setWebhookSecret(tx, workflowId, null);
        await recordAudit(tx, {
          actor,
          action: 'workflow.webhook_secret_deleted',
          targetType: 'workflow',
          targetId: workflowId,
        });
      });
      deps.webhooks.invalidate(workflowId);
    },
    async status(workflowId: string) {
      const wf = await findWebhookOwner(ctx.prisma, workflowId);
      if (!wf) throw new NotFoundError('workflow');
      return { configured: wf.configured };
    },
  };
}

export type WebhookSecrets = ReturnType<typeof createWebhookSecrets>;
