import { text } from '../text';
import type { ClientNodeType } from '../types';

export const http: ClientNodeType = {
  type: 'http',
  icon: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M3 12h18', 'M12 3c3 3 3 15 0 18', 'M12 3c-3 3-3 15 0 18'],
  summary: (p) => [`${text(p['method'], 'GET')} ${text(p['url'])}`],
};
