import { text } from '../text';
import type { ClientNodeType } from '../types';

export const webhookTrigger: ClientNodeType = {
  type: 'trigger.webhook',
  icon: ['M13 2L4 14h7l-1 8 9-12h-7z'],
  summary: (p) => (p['dedupeKey'] ? [`dedupe ${text(p['dedupeKey'])}`] : ['signed HTTP POST']),
};
