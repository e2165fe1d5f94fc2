import { z } from 'zod';
import { text } from '../text';
import { defineNode } from '../types';

export const webhookTrigger = defineNode({
  type: 'trigger.webhook',
  category: 'trigger',
  label: 'Webhook',
  description: 'Started by a signed HTTP POST (HMAC-SHA256 over timestamp and body) from a SIEM, EDR or mail gateway.',
  icon: ['M13 2L4 14h7l-1 8 9-12h-7z'],
  params: z
    .object({
      /** Template computed from the event; a second event with the same key within the window is dropped. */
      dedupeKey: z.string().max(2_000).optional().meta({ widget: 'template', help: 'Drop repeats of the same alert' }),
    })
    .strict(),
  defaults: {},
  ports: () => [{ id: 'out', label: 'Start', required: true }],
  effect: () => 'none',
  summary: (p) => (p['dedupeKey'] ? [`dedupe ${text(p['dedupeKey'])}`] : ['signed HTTP POST']),
});
