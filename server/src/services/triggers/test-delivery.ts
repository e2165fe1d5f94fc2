import { randomUUID } from 'node:crypto';
import type { Actor, WebhookTestResult } from '@autonomic/api';
import type { AppContext } from '../../context';
import { ConflictError } from '../../errors';
import { findPublishedTrigger } from '../../store/trigger-status';
import { findWebhookTarget } from '../../store/webhooks';
import { recordAudit } from '../audit';
import type { Cipher } from '../secrets';
import { exampleEvent } from './example-event';
import { signWebhook } from './signature';
import { webhookContext, type WebhookService } from './webhook-service';

/**
 * A test delivery from the settings page: the event (or an example from the trigger's
 * input schema) is signed with the workflow's own secret and goes through the webhook
 * intake (`accept`: signature, replay claim, dedupe, `startLive`), so a started run proves
 * the whole path but HTTP. The caller must be the owner or an admin (checked before).
 * Audited when a run started; a refusal (kill switch, an event the schema rejects) writes
 * nothing, as for a real delivery.
 */
export async function sendTestDelivery(
  ctx: AppContext,
  deps: { cipher: Cipher; webhooks: WebhookService },
  input: { workflowId: string; actor: Actor; event?: unknown },
): Promise<WebhookTestResult> {
  const { workflowId, actor } = input;
  const target = await findWebhookTarget(ctx.prisma, workflowId);
  if (!target?.sealed) throw new ConflictError('generate a webhook secret first: the test is signed with it');
  if (target.triggerType !== 'trigger.webhook') {
    throw new ConflictError('the published version does not start on a webhook', 'not_webhook');
  }
  const event = input.event ?? exampleEvent((await findPublishedTrigger(ctx.prisma, workflowId))?.inputSchema);
  const secret = deps.cipher.open(target.sealed, webhookContext(workflowId));
  const rawBody = Buffer.from(JSON.stringify(event), 'utf8');
  const timestamp = String(Math.floor(ctx.clock.now() / 1000));
  const started = await deps.webhooks.accept({
    workflowId,
    timestamp,
    signature: `sha256=${signWebhook(secret, timestamp, rawBody)}`,
    delivery: `test-${randomUUID()}`,
    rawBody,
    event,
  });
  await recordAudit(ctx.prisma, {
    actor,
    action: 'workflow.webhook_test_sent',
    targetType: 'workflow',
    targetId: workflowId,
    details: { runId: started.runId, deduplicated: started.deduplicated },
  });
  return { ...started, event };
}
