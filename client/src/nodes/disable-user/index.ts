import { text } from '../text';
import type { ClientNodeType } from '../types';

export const disableUser: ClientNodeType = {
  type: 'disable-user',
  icon: ['M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8z', 'M2 21c0-4 3-7 7-7s7 3 7 7', 'M17 8l4 4', 'M21 8l-4 4'],
  summary: (p) => [`disable ${text(p['user'])}`],
};
