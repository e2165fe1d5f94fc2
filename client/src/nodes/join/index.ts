import { text } from '../text';
import type { ClientNodeType } from '../types';

export const join: ClientNodeType = {
  type: 'join',
  icon: ['M6 21v-6l6-4 6 4v6', 'M12 11V3'],
  summary: (p) => [`wait for ${text(p['mode'], 'all')}`],
};
