import { text } from '../text';
import type { ClientNodeType } from '../types';

export const scheduleTrigger: ClientNodeType = {
  type: 'trigger.schedule',
  icon: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 7v5l3 2'],
  summary: (p) => [`${text(p['cron'])} (${text(p['timezone'], 'UTC')})`],
};
