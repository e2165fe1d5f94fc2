/** What was sent about an approval task: messages, reminders and pages, with the vendor's answer. */
import { z } from 'zod';
import { Instant, NullableInstant } from '../fields';

export const ApprovalNotificationView = z.object({
  kind: z.enum(['opened', 'reminder', 'escalated', 'page']),
  level: z.number().int(),
  /** The connector that carried it (slack, email-smtp, pagerduty-events, opsgenie). */
  channel: z.string(),
  recipient: z.string(),
  /** `user:<name>`, `role:<name>` or `on-call`. */
  audience: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'skipped']),
  /** The vendor's error (scrubbed of the credential) of the last failed attempt. */
  error: z.string().nullable(),
  attempts: z.number().int(),
  dueAt: Instant,
  sentAt: NullableInstant,
});
export type ApprovalNotificationView = z.infer<typeof ApprovalNotificationView>;
