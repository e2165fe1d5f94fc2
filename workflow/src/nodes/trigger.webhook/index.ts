import { z } from 'zod';
import { Duration } from '../../duration';
import { text } from '../text';
import { defineNode } from '../types';

/** How long a dedupe key is remembered when `dedupeWindow` is not set. */
export const DEFAULT_DEDUPE_WINDOW = '1h';

export const webhookTrigger = defineNode({
  type: 'trigger.webhook',
  category: 'trigger',
  label: 'Webhook',
  description: 'Started by a signed HTTP POST (HMAC-SHA256 over timestamp and body) from a SIEM, EDR or mail gateway.',
  icon: ['M13 2L4 14h7l-1 8 9-12h-7z'],
  params: z
    .object({
      /**
       * Template computed from the event (e.g. `{{ event.alert_id }}`); a second event with the
       * same key within `dedupeWindow` of the first starts no run (the delivery answers the
       * first run's id). An empty key dedupes nothing.
       */
      dedupeKey: z.string().max(2_000).optional().meta({ widget: 'template', help: 'Drop repeats of the same alert' }),
      /**
       * How long after a run its dedupe key still drops repeats.
       * @default '1h'
       */
      dedupeWindow: Duration.optional().meta({ help: 'How long a key drops repeats (default 1h)' }),
    })
    .strict(),
  defaults: {},
  ports: () => [{ id: 'out', label: 'Start', required: true }],
  effect: () => 'none',
  summary: (p) =>
    p['dedupeKey']
      ? [`dedupe ${text(p['dedupeKey'])}`, `for ${text(p['dedupeWindow'], DEFAULT_DEDUPE_WINDOW)}`]
      : ['signed HTTP POST'],
});
