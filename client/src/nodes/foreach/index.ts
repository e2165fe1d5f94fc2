import { text } from '../text';
import type { ClientNodeType } from '../types';

export const forEach: ClientNodeType = {
  type: 'foreach',
  icon: ['M4 12a8 8 0 0 1 14-5l2 2', 'M20 4v5h-5', 'M20 12a8 8 0 0 1-14 5l-2-2', 'M4 20v-5h5'],
  summary: (p) => [`each of ${text(p['items'])}`, `${text(p['concurrency'], '5')} at a time`],
};
