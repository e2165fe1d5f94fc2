import { z } from 'zod';
import { text } from '../text';
import { defineNode } from '../types';

const CRON_FIELD = String.raw`(\*|\?|L|W|#|[0-9A-Za-z*/,\-#LW?]+)`;
const CRON_RE = new RegExp(`^${CRON_FIELD}(\\s+${CRON_FIELD}){4,5}$`);

export const scheduleTrigger = defineNode({
  type: 'trigger.schedule',
  category: 'trigger',
  label: 'Schedule',
  description: 'Started on a cron schedule, e.g. a nightly sweep of stale alerts.',
  icon: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 7v5l3 2'],
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
  ports: () => [{ id: 'out', label: 'Start', required: true }],
  effect: () => 'none',
  summary: (p) => [`${text(p['cron'])} (${text(p['timezone'], 'UTC')})`],
});
