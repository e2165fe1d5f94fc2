import { z } from 'zod';
import { defineNode } from './types';

const out = [{ id: 'out', label: 'Start', required: true }];

export const manualTrigger = defineNode({
  type: 'trigger.manual',
  category: 'trigger',
  label: 'Manual trigger',
  description: 'Started by an analyst from the UI or API with an event they provide.',
  icon: 'play',
  params: z.object({}).strict(),
  defaults: {},
  ports: () => out,
  effect: () => 'none',
});

export const webhookTrigger = defineNode({
  type: 'trigger.webhook',
  category: 'trigger',
  label: 'Webhook',
  description: 'Started by a signed HTTP POST (HMAC-SHA256 over timestamp and body) from a SIEM, EDR or mail gateway.',
  icon: 'webhook',
  params: z
    .object({
      /** Template computed from the event; a second event with the same key within the window is dropped. */
      dedupeKey: z.string().max(2_000).optional().meta({ widget: 'template', help: 'Drop repeats of the same alert' }),
    })
    .strict(),
  defaults: {},
  ports: () => out,
  effect: () => 'none',
});

const CRON_FIELD = String.raw`(\*|\?|L|W|#|[0-9A-Za-z*/,\-#LW?]+)`;
const CRON_RE = new RegExp(`^${CRON_FIELD}(\\s+${CRON_FIELD}){4,5}$`);

export const scheduleTrigger = defineNode({
  type: 'trigger.schedule',
  category: 'trigger',
  label: 'Schedule',
  description: 'Started on a cron schedule, e.g. a nightly sweep of stale alerts.',
  icon: 'clock',
  params: z
    .object({
      cron: z
        .string()
        .regex(CRON_RE, 'a cron expression with 5 or 6 fields, e.g. "*/15 * * * *"')
        .meta({ help: 'minute hour day-of-month month day-of-week (seconds optional in front)' }),
      timezone: z.string().max(64).default('UTC'),
    })
    .strict(),
  defaults: { cron: '0 * * * *', timezone: 'UTC' },
  ports: () => out,
  effect: () => 'none',
});
