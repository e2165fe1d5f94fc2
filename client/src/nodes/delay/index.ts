import { text } from '../text';
import type { ClientNodeType } from '../types';

export const delay: ClientNodeType = {
  type: 'delay',
  icon: ['M6 3h12', 'M6 21h12', 'M7 3c0 5 10 7 10 18', 'M17 3c0 5-10 7-10 18'],
  summary: (p) => [`wait ${text(p['duration'])}`],
};
