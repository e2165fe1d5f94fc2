import { randomUUID } from 'node:crypto';
import type { Actor, WebhookTestResult } from '@autonomic/api';
import type { AppContext } from '../../context';
import { AppError, ConflictError } from '../../errors';
import { findPublishedTrigger } from '../../store/trigger-status';
import { findWebhookTarget } from '../../store/webhooks';
import { recordAudit } from '../audit';
import type { Cipher } from '../secrets';
import { exampleEvent } from './example-event';
import { signWebhook } from './signature';
import { webhookContext, type WebhookService } from './webhook-service';

/** How many earlier seconds a test delivery may sign with when the same bytes were just sent. */
const MAX_SECONDS_BACK = 30;

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
  const now = Math.floor(ctx.clock.now() / 1000);
  const deliver = (timestamp: string) =>
    deps.webhooks.accept({
      workflowId,
      timestamp,
      signature: `sha256=${signWebhook(secret, timestamp, rawBody)}`,
      delivery: `test-${randomUUID()}`,
      rawBody,
      event,
    });
  // Two presses within one second sign the same bytes, and the intake refuses the second
  // signature as a replay: each retry signs with a second earlier (well inside the replay
  // window), so every press is a delivery of its own. Only a replay is retried: the secret
  // is our own, so a 401 here can mean nothing else.
  let started: Awaited<ReturnType<typeof deliver>> | undefined;
  for (let back = 0; started === undefined; back++) {
    try {
      started = await deliver(String(now - back));
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'invalid_signature') || back >= MAX_SECONDS_BACK) throw e;
    }
  }
  await recordAudit(ctx.prisma, {
    actor,
    action: 'workflow.webhook_test_sent',
    targetType: 'workflow',
    targetId: workflowId,
    details: { runId: started.runId, deduplicated: started.deduplicated },
  });
  return { ...started, event };
}
