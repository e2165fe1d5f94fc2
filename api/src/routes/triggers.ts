/** Triggers: a workflow's webhook secret (generated and shown once, rotated, removed) and the signed webhook itself. */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant, NullableInstant } from '../fields';
import { RunStatus } from './common';

/** Unix seconds of the delivery, signed with the body. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-autonomic-timestamp';
/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-autonomic-signature';
/** Optional idempotency key: a second delivery with the same id answers the first run. */
export const WEBHOOK_DELIVERY_HEADER = 'x-autonomic-delivery';
/** Longest a webhook caller may hold the request open waiting for the run's result. */
export const WEBHOOK_MAX_WAIT_MS = 30_000;

export const WebhookStatus = z.object({ url: z.string(), configured: z.boolean() });
export type WebhookStatus = z.infer<typeof WebhookStatus>;

/** The new secret: this answer is the only time it is shown. */
export const WebhookSecretIssued = z.object({
  url: z.string(),
  secret: z.string(),
  headers: z.object({ timestamp: z.string(), signature: z.string(), delivery: z.string() }),
  /** A ready-to-paste shell recipe for a signed delivery. */
  example: z.string(),
});
export type WebhookSecretIssued = z.infer<typeof WebhookSecretIssued>;

/**
 * A delivery's answer: the run it started (or, with `deduplicated`, the run an earlier
 * delivery with the same delivery id, or the same trigger `dedupeKey` within its window, started). When the caller waited: the run's status, and once
 * it ended, its output and error (null when absent).
 */
export const WebhookAccepted = z.object({
  runId: z.string(),
  deduplicated: z.boolean(),
  status: RunStatus.optional(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
});
export type WebhookAccepted = z.infer<typeof WebhookAccepted>;

/** A test delivery: the event to send (absent: an example made from the trigger's input schema). */
export const WebhookTestBody = z.object({ event: z.unknown().optional() }).strict();
export type WebhookTestBody = z.infer<typeof WebhookTestBody>;

/** The run a test delivery started, and the event it sent. */
export const WebhookTestResult = WebhookAccepted.pick({ runId: true, deduplicated: true }).extend({
  event: z.unknown(),
});
export type WebhookTestResult = z.infer<typeof WebhookTestResult>;

/** A schedule trigger's state: its cron (in words when it is a common pattern), next and last tick. */
export const ScheduleStatus = z.object({
  cron: z.string(),
  timezone: z.string(),
  /** "every day at 02:00"; null when the pattern has no short description. */
  description: z.string().nullable(),
  /** The next tick; null when the pattern has none (or does not parse). */
  nextAt: NullableInstant,
  /** The last tick fired and the run it started (null: refused, e.g. by the kill switch). */
  lastTick: z.object({ at: Instant, runId: z.string().nullable() }).nullable(),
});
export type ScheduleStatus = z.infer<typeof ScheduleStatus>;

/** How the published version starts: its trigger type, an example event, and its schedule when it is one. */
export const TriggerStatus = z.object({
  /** `trigger.webhook`, `trigger.schedule`, `trigger.manual`; null when nothing is published. */
  triggerType: z.string().nullable(),
  /** An event its input schema accepts (placeholders by type and format), for a test delivery. */
  exampleEvent: z.unknown(),
  /** The published trigger's input schema (JSON Schema), for the test event's form; absent when it declares none. */
  inputSchema: z.unknown().optional(),
  schedule: ScheduleStatus.nullable(),
});
export type TriggerStatus = z.infer<typeof TriggerStatus>;

const WebhookParams = z.object({ id: z.uuid() });
const tag = 'triggers';

export const triggersApi = {
  webhook: defineRoute({
    method: 'get',
    path: '/workflows/:id/webhook',
    summary: "The workflow's webhook URL and whether a secret is set (never the secret)",
    tag,
    access: 'authenticated',
    params: WebhookParams,
    response: WebhookStatus,
  }),
  rotateSecret: defineRoute({
    method: 'post',
    path: '/workflows/:id/webhook-secret',
    summary: 'Generate or rotate the webhook secret (owner or admin); the answer is the only time it is shown',
    tag,
    access: ['analyst', 'admin'],
    params: WebhookParams,
    response: WebhookSecretIssued,
    status: 201,
  }),
  removeSecret: defineRoute({
    method: 'delete',
    path: '/workflows/:id/webhook-secret',
    summary: 'Remove the webhook secret: deliveries are refused until a new one is generated (owner or admin)',
    tag,
    access: ['analyst', 'admin'],
    params: WebhookParams,
    status: 204,
  }),
  status: defineRoute({
    method: 'get',
    path: '/workflows/:id/trigger',
    summary: "How the published version starts: trigger type, an example event, the schedule's next and last tick",
    tag,
    access: 'authenticated',
    params: WebhookParams,
    response: TriggerStatus,
  }),
  sendTest: defineRoute({
    method: 'post',
    path: '/workflows/:id/webhook-test',
    summary:
      'Sign an event with the workflow secret and deliver it through the webhook intake (owner or admin, audited): the run it started',
    tag,
    access: ['analyst', 'admin'],
    params: WebhookParams,
    body: WebhookTestBody,
    response: WebhookTestResult,
    status: 201,
  }),
  /** 202 with the run id; 200 with the result when the caller waited and the run ended in time. */
  deliver: defineRoute({
    method: 'post',
    path: '/hooks/:workflowId',
    summary:
      `Start a run from a signed event. Headers: ${WEBHOOK_TIMESTAMP_HEADER} (unix seconds), ${WEBHOOK_SIGNATURE_HEADER} ` +
      `(sha256=hex HMAC-SHA256 of "<timestamp>.<body>"), optional ${WEBHOOK_DELIVERY_HEADER} (idempotency). ` +
      '202 with the run id; 200 with the first run id when the delivery id or the trigger dedupeKey repeats (nothing queued); ' +
      'with ?wait=<ms> or Prefer: wait=<s> (≤ 30 s), 200 with the result if the run ends in time.',
    tag,
    access: 'public',
    params: z.object({ workflowId: z.string().max(64) }),
    query: z.object({ wait: z.coerce.number().int().min(0).max(WEBHOOK_MAX_WAIT_MS).optional() }),
    body: z.unknown(),
    response: WebhookAccepted,
    status: 202,
  }),
};
